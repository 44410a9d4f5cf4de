package org.greendl.cli;

/** Keeps what greendl prints on stderr to one readable line, whatever the input echoed inside it. */
public final class Messages {
    /** The longest message printed: a value quoted from a file (a 64 MB CSV cell) must not flood the terminal. */
    public static final int MAX_CHARS = 400;

    private Messages() {}

    /** The first line of {@code msg}, cut to {@link #MAX_CHARS} with the number of characters left out. */
    public static String oneLine(String msg) {
        String line = msg.lines().findFirst().orElse(msg);
        if (line.length() <= MAX_CHARS) {
            return line;
        }
        return line.substring(0, MAX_CHARS) + "... (" + (line.length() - MAX_CHARS) + " more characters)";
    }
}
