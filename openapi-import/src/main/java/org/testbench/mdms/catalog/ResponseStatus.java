package org.testbench.mdms.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A key of an operation's {@code responses}: an exact code ({@code 404}), a range ({@code 4XX}) or
 * {@code default}. Compares exact codes first, then ranges, then default, as OpenAPI matches them.
 */
public record ResponseStatus(String key) implements Comparable<ResponseStatus> {

    public static final ResponseStatus DEFAULT = new ResponseStatus("default");

    public ResponseStatus {
        Objects.requireNonNull(key, "key");
        key = key.strip().toUpperCase(Locale.ROOT);
        if (key.equals("DEFAULT")) {
            key = "default";
        } else if (!key.matches("[1-5](\\d\\d|XX)")) {
            throw new IllegalArgumentException("not a response status: '" + key
                    + "' (expected a code such as 404, a range such as 4XX, or default)");
        }
    }

    public static ResponseStatus parse(String key) {
        return new ResponseStatus(key);
    }

    public static ResponseStatus of(int code) {
        return new ResponseStatus(Integer.toString(code));
    }

    public boolean isDefault() {
        return key.equals("default");
    }

    public boolean isRange() {
        return key.endsWith("XX");
    }

    /** The first digit (4 for 404 and 4XX), 0 for default. */
    public int statusClass() {
        return isDefault() ? 0 : key.charAt(0) - '0';
    }

    public boolean isSuccess() {
        return statusClass() == 2;
    }

    public boolean isClientError() {
        return statusClass() == 4;
    }

    public boolean isServerError() {
        return statusClass() == 5;
    }

    /** Whether an answer with this code is described by this key; default matches everything. */
    public boolean matches(int code) {
        if (isDefault()) {
            return true;
        }
        return isRange() ? code / 100 == statusClass() : Integer.parseInt(key) == code;
    }

    private int rank() {
        return isDefault() ? 2 : isRange() ? 1 : 0;
    }

    @Override
    public int compareTo(ResponseStatus other) {
        int byRank = Integer.compare(rank(), other.rank());
        return byRank != 0 ? byRank : key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return key;
    }
}
