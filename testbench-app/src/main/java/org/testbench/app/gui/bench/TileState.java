package org.testbench.app.gui.bench;

import org.testbench.sequences.outcome.Verdict;

/** What a position's tile shows by its colour. */
public enum TileState {
    IDLE("idle"), RUNNING("running"), PASS("pass"), FAIL("fail"), ERROR("error"), ABORTED("aborted");

    private final String styleClass;

    TileState(String suffix) {
        this.styleClass = "tile-" + suffix;
    }

    /** The CSS class of the tile: tile-pass is green, tile-fail red, and so on. */
    public String styleClass() {
        return styleClass;
    }

    public static TileState of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case ERROR -> ERROR;
            case ABORTED -> ABORTED;
        };
    }
}
