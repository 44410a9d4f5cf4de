package org.greendl.data.augment;

import java.util.Locale;
import java.util.Random;

/**
 * The standard image augmentations as composable functions, and a parser for the CLI's {@code --augment LIST}
 * (for example {@code crop,flip,cutout:8,mixup:0.2}).
 */
public final class Augmentations {
    private Augmentations() {}

    /** Pads by {@code padding} zero pixels on each side, then crops back to the original size at random. */
    public static Augmentation randomCrop(int padding) {
        require(padding >= 0, "crop padding must be >= 0, got " + padding);
        return named("crop:" + padding, false, (ex, ctx) -> {
            Random r = ctx.random();
            int dy = r.nextInt(2 * padding + 1) - padding;
            int dx = r.nextInt(2 * padding + 1) - padding;
            float[] out = new float[ex.pixels().length];
            int h = ex.height();
            int w = ex.width();
            for (int c = 0; c < ex.channels(); c++) {
                int base = c * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        int sx = x + dx;
                        if (sx >= 0 && sx < w) {
                            out[base + y * w + x] = ex.pixels()[base + sy * w + sx];
                        }
                    }
                }
            }
            return ex.withPixels(out);
        });
    }

    /** Mirrors left-right with probability {@code probability}. */
    public static Augmentation horizontalFlip(double probability) {
        require(probability >= 0 && probability <= 1, "flip probability must be in [0, 1], got " + probability);
        return named("flip:" + probability, false, (ex, ctx) -> {
            if (ctx.random().nextDouble() >= probability) {
                return ex;
            }
            float[] p = ex.pixels();
            int h = ex.height();
            int w = ex.width();
            for (int c = 0; c < ex.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    int row = c * h * w + y * w;
                    for (int x = 0; x < w / 2; x++) {
                        float t = p[row + x];
                        p[row + x] = p[row + w - 1 - x];
                        p[row + w - 1 - x] = t;
                    }
                }
            }
            return ex;
        });
    }

    /** Zeroes a {@code size x size} square at a random centre (DeVries and Taylor, 2017). */
    public static Augmentation cutout(int size) {
        require(size > 0, "cutout size must be > 0, got " + size);
        return named("cutout:" + size, false, (ex, ctx) -> {
            Random r = ctx.random();
            int cy = r.nextInt(ex.height());
            int cx = r.nextInt(ex.width());
            fillBox(ex.pixels(), ex, cy - size / 2, cx - size / 2, size, size, null);
            return ex;
        });
    }

    /**
     * Mixup (Zhang et al., 2018): blends the example with a random other one, pixels and targets alike, with
     * a weight drawn from Beta(alpha, alpha).
     */
    public static Augmentation mixup(double alpha) {
        require(alpha > 0, "mixup alpha must be > 0, got " + alpha);
        return named("mixup:" + alpha, true, (ex, ctx) -> {
            double lambda = beta(ctx.random(), alpha);
            Example other = ctx.randomOther();
            float l = (float) lambda;
            float[] p = ex.pixels();
            for (int i = 0; i < p.length; i++) {
                p[i] = l * p[i] + (1 - l) * other.pixels()[i];
            }
            return ex.withTarget(blend(ex.target(), other.target(), lambda));
        });
    }

    /**
     * CutMix (Yun et al., 2019): pastes a random box of another example; targets are mixed in proportion to
     * the pasted area.
     */
    public static Augmentation cutmix(double alpha) {
        require(alpha > 0, "cutmix alpha must be > 0, got " + alpha);
        return named("cutmix:" + alpha, true, (ex, ctx) -> {
            Random r = ctx.random();
            double lambda = beta(r, alpha);
            Example other = ctx.randomOther();
            int h = ex.height();
            int w = ex.width();
            int boxH = (int) Math.round(h * Math.sqrt(1 - lambda));
            int boxW = (int) Math.round(w * Math.sqrt(1 - lambda));
            int cy = r.nextInt(h);
            int cx = r.nextInt(w);
            int pasted = fillBox(ex.pixels(), ex, cy - boxH / 2, cx - boxW / 2, boxH, boxW, other.pixels());
            double kept = 1.0 - (double) pasted / (h * w);
            return ex.withTarget(blend(ex.target(), other.target(), kept));
        });
    }

    /**
     * Parses a comma-separated list: {@code crop[:PAD]}, {@code flip[:P]}, {@code cutout[:SIZE]},
     * {@code mixup[:ALPHA]}, {@code cutmix[:ALPHA]}; {@code none} or an empty list means no augmentation.
     */
    public static Augmentation parse(String list) {
        Augmentation result = Augmentation.identity();
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("none")) {
            return result;
        }
        boolean first = true;
        for (String item : list.split(",")) {
            String token = item.trim().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            int colon = token.indexOf(':');
            String name = colon < 0 ? token : token.substring(0, colon);
            String arg = colon < 0 ? null : token.substring(colon + 1);
            Augmentation a;
            try {
                a = switch (name) {
                    case "crop" -> randomCrop(arg == null ? 2 : Integer.parseInt(arg));
                    case "flip" -> horizontalFlip(arg == null ? 0.5 : Double.parseDouble(arg));
                    case "cutout" -> cutout(arg == null ? 8 : Integer.parseInt(arg));
                    case "mixup" -> mixup(arg == null ? 0.2 : Double.parseDouble(arg));
                    case "cutmix" -> cutmix(arg == null ? 1.0 : Double.parseDouble(arg));
                    default -> throw new IllegalArgumentException("unknown augmentation '" + name
                            + "' in '" + list + "' (expected crop[:PAD], flip[:P], cutout[:SIZE], mixup[:ALPHA],"
                            + " cutmix[:ALPHA])");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + arg + "' for augmentation '" + name + "' in '"
                        + list + "'");
            }
            result = first ? a : result.andThen(a);
            first = false;
        }
        return result;
    }

    /** Fills a box clipped to the image with zeros or with {@code source}'s pixels; returns the pixels changed per channel. */
    private static int fillBox(float[] p, Example ex, int top, int left, int boxH, int boxW, float[] source) {
        int h = ex.height();
        int w = ex.width();
        int y0 = Math.max(0, top);
        int y1 = Math.min(h, top + boxH);
        int x0 = Math.max(0, left);
        int x1 = Math.min(w, left + boxW);
        for (int c = 0; c < ex.channels(); c++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int i = c * h * w + y * w + x;
                    p[i] = source == null ? 0f : source[i];
                }
            }
        }
        return Math.max(0, y1 - y0) * Math.max(0, x1 - x0);
    }

    private static float[] blend(float[] a, float[] b, double weightOfA) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (weightOfA * a[i] + (1 - weightOfA) * b[i]);
        }
        return out;
    }

    /** A Beta(alpha, alpha) sample from two Gamma samples (Marsaglia and Tsang). */
    static double beta(Random r, double alpha) {
        double x = gamma(r, alpha);
        double y = gamma(r, alpha);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    private static double gamma(Random r, double shape) {
        if (shape < 1) {
            return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Augmentation named(String name, boolean mixes, Augmentation body) {
        return new Augmentation() {
            @Override
            public Example apply(Example example, AugmentContext context) {
                return body.apply(example, context);
            }

            @Override
            public boolean mixesTargets() {
                return mixes;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
