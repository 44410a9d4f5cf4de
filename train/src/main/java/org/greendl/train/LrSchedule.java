package org.greendl.train;

import ai.djl.training.tracker.Tracker;
import java.util.Locale;

/**
 * A learning-rate schedule as a pure function of the optimizer step (so a resumed run continues it exactly):
 * an optional linear warm-up over {@code warmupSteps}, then constant, cosine decay to {@code minFactor x lr}
 * over the remaining steps, or step decay by {@code factor} every {@code stepEvery} steps.
 */
public record LrSchedule(Kind kind, int warmupSteps, int stepEvery, double factor, double minFactor) {
    public enum Kind { CONSTANT, COSINE, STEP }

    public LrSchedule {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        if (kind == Kind.STEP && (stepEvery < 1 || !(factor > 0 && factor <= 1))) {
            throw new IllegalArgumentException("step schedule needs every >= 1 and factor in (0, 1], got every="
                    + stepEvery + " factor=" + factor);
        }
        if (minFactor < 0 || minFactor > 1) {
            throw new IllegalArgumentException("cosine floor must be in [0, 1], got " + minFactor);
        }
    }

    public static LrSchedule constant() {
        return new LrSchedule(Kind.CONSTANT, 0, 1, 1, 0);
    }

    public static LrSchedule cosine(int warmupSteps) {
        return new LrSchedule(Kind.COSINE, warmupSteps, 1, 1, 0);
    }

    public static LrSchedule step(int warmupSteps, int every, double factor) {
        return new LrSchedule(Kind.STEP, warmupSteps, every, factor, 0);
    }

    public LrSchedule withWarmup(int steps) {
        return new LrSchedule(kind, steps, stepEvery, factor, minFactor);
    }

    /**
     * Parses {@code constant}, {@code cosine}, {@code step:EVERY:FACTOR}, each optionally followed by
     * {@code ,warmup:STEPS} (e.g. {@code cosine,warmup:200}).
     */
    public static LrSchedule parse(String text) {
        LrSchedule result = constant();
        int warmup = 0;
        for (String part : text.toLowerCase(Locale.ROOT).split(",")) {
            String[] f = part.trim().split(":");
            try {
                switch (f[0]) {
                    case "constant" -> result = constant();
                    case "cosine" -> result = cosine(0);
                    case "step" -> result = step(0, Integer.parseInt(f[1]), Double.parseDouble(f[2]));
                    case "warmup" -> warmup = Integer.parseInt(f[1]);
                    default -> throw new IllegalArgumentException("unknown schedule '" + part.trim() + "' in '" + text
                            + "' (expected constant, cosine, step:EVERY:FACTOR, optionally ,warmup:STEPS)");
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalArgumentException("bad schedule '" + part.trim() + "' in '" + text
                        + "' (expected step:EVERY:FACTOR or warmup:STEPS with numbers)");
            }
        }
        return result.withWarmup(warmup);
    }

    /** The learning rate at 1-based optimizer step {@code step} of {@code totalSteps}. */
    public double at(long step, long totalSteps, double baseLr) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return baseLr * step / warmupSteps;
        }
        long after = step - warmupSteps;
        return switch (kind) {
            case CONSTANT -> baseLr;
            case STEP -> baseLr * Math.pow(factor, (after - 1) / stepEvery);
            case COSINE -> {
                long span = Math.max(1, totalSteps - warmupSteps);
                double progress = Math.min(1.0, (double) (after - 1) / span);
                double floor = baseLr * minFactor;
                yield floor + (baseLr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
        };
    }

    /**
     * This schedule over {@code totalSteps} updates as a tracker for DJL's own optimizers. DJL passes update
     * {@code n} counting from 1 while the selection experiments' cosine ran from update 0 (DJL's
     * {@code CosineTracker}): update {@code n} gets step {@code n + 1}, which keeps that curve.
     */
    public Tracker tracker(double baseLr, long totalSteps) {
        return update -> (float) at(update + 1L, totalSteps, baseLr);
    }

    @Override
    public String toString() {
        String base = switch (kind) {
            case CONSTANT -> "constant";
            case COSINE -> "cosine";
            case STEP -> "step:" + stepEvery + ":" + factor;
        };
        return warmupSteps > 0 ? base + ",warmup:" + warmupSteps : base;
    }
}
