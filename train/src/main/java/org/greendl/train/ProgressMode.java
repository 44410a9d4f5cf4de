package org.greendl.train;

/** How a session reports progress on stderr: a bar on a terminal, plain lines otherwise, or nothing. */
public enum ProgressMode {
    /** A bar when {@code System.console() != null}, plain lines otherwise. */
    AUTO,
    BAR,
    LINES,
    NONE
}
