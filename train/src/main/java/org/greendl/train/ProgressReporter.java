package org.greendl.train;

import java.io.PrintStream;
import java.util.Locale;
import org.greendl.record.RunRecord;

/**
 * Progress on stderr (stdout stays free for JSON): a bar redrawn in place on a terminal, or one plain line per
 * epoch otherwise.
 */
abstract class ProgressReporter {
    static ProgressReporter create(ProgressMode mode, PrintStream out) {
        ProgressMode m = mode == ProgressMode.AUTO ? (System.console() != null ? ProgressMode.BAR : ProgressMode.LINES)
                : mode;
        return switch (m) {
            case BAR -> new Bar(out);
            case LINES -> new Lines(out);
            default -> new ProgressReporter() {};
        };
    }

    void message(String line) {}

    void batch(int epoch, int epochs, long done, long total, double loss, double accuracy, double wh) {}

    void epoch(RunRecord.EpochRecord r, int epochs, double totalWh) {}

    static String epochLine(RunRecord.EpochRecord r, int epochs, double totalWh) {
        String validation = r.validationAccuracy() == null ? ""
                : String.format(Locale.ROOT, " val_loss %.4f val_acc %.4f", r.validationLoss(), r.validationAccuracy());
        return String.format(Locale.ROOT,
                "epoch %d/%d: loss %.4f acc %.4f%s | %.1f s, %.0f ex/s, %.3f Wh (run %.3f Wh)",
                r.epoch(), epochs, r.trainLoss(), r.trainAccuracy(), validation, r.wallS(),
                r.throughputExamplesPerS(), r.energy().totalKwh() * 1000, totalWh);
    }

    private static final class Lines extends ProgressReporter {
        private final PrintStream out;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        void message(String line) {
            out.println(line);
        }

        @Override
        void epoch(RunRecord.EpochRecord r, int epochs, double totalWh) {
            out.println(epochLine(r, epochs, totalWh));
        }
    }

    private static final class Bar extends ProgressReporter {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private long lastDraw;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        void message(String line) {
            out.print("\r\033[K" + line + "\n");
        }

        @Override
        void batch(int epoch, int epochs, long done, long total, double loss, double accuracy, double wh) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = total <= 0 ? 0 : (int) (WIDTH * done / total);
            String bar = "=".repeat(filled) + (filled < WIDTH ? ">" : "") + " ".repeat(Math.max(0, WIDTH - filled - 1));
            out.print(String.format(Locale.ROOT, "\r\033[Kepoch %d/%d [%s] %d/%d loss %.4f acc %.4f %.3f Wh",
                    epoch, epochs, bar, done, total, loss, accuracy, wh));
            out.flush();
        }

        @Override
        void epoch(RunRecord.EpochRecord r, int epochs, double totalWh) {
            out.print("\r\033[K" + epochLine(r, epochs, totalWh) + "\n");
            out.flush();
        }
    }
}
