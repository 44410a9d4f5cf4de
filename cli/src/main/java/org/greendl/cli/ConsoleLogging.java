package org.greendl.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The command line's one logging setup: what greendl's libraries log through the platform logger (for example
 * the meter's "CPU energy is an estimate" notice) reaches stderr as one plain line, {@code greendl: ...},
 * instead of java.util.logging's two-line default; other libraries' records show from WARNING up.
 */
final class ConsoleLogging {
    // Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger GREENDL = Logger.getLogger("org.greendl");

    private ConsoleLogging() {}

    static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler(); // stderr
        handler.setLevel(Level.ALL);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        GREENDL.setLevel(Level.INFO);
    }

    /** {@code greendl: message}, with the first line of an attached exception's message. */
    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String message = formatMessage(r);
            if (r.getThrown() != null && r.getThrown().getMessage() != null) {
                message += ": " + r.getThrown().getMessage().lines().findFirst().orElse("");
            }
            return "greendl: " + message + System.lineSeparator();
        }
    }
}
