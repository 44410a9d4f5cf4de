package org.greendl.cli.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import org.greendl.cli.Cli;
import picocli.CommandLine;

/**
 * Runs a greendl subcommand inside the bench's JVM, exactly as a user would type it, so the bench measures
 * what the commands really do (same defaults, same run records). A failing command becomes an exception
 * carrying its one-line error.
 */
final class CliSteps {
    private CliSteps() {}

    static void run(String... args) {
        StringWriter captured = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(new Tee(captured), true));
        int code = cl.execute(args);
        if (code != 0) {
            String last = captured.toString().lines().filter(l -> l.startsWith("greendl:")).reduce((a, b) -> b)
                    .orElse("exit code " + code).replaceFirst("^greendl: ", "");
            throw new IllegalStateException("greendl " + args[0] + ": " + last);
        }
    }

    static String describe(String... args) {
        return "greendl " + String.join(" ", Arrays.asList(args));
    }

    /** Keeps what the command printed on stderr for the error message and still shows it. */
    private static final class Tee extends Writer {
        private final StringWriter copy;

        Tee(StringWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            copy.write(buf, off, len);
            System.err.print(new String(buf, off, len));
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {}
    }
}
