/**
 * What the command line and the desktop app share to run sequences: a run recorded as it happens, the
 * samples shipped in the jar, and the virtual lab wired as a bench. Nothing here prints: the CLI prints,
 * the GUI shows.
 */
package org.testbench.app.runs;
