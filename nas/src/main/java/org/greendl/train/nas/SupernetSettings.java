package org.greendl.train.nas;

import java.util.Arrays;

/**
 * How the supernet method trains and judges.
 *
 * @param phaseEpochs epochs of each phase of progressive shrinking, in {@link Supernet.Phase} order (largest,
 *     kernel, depth, width); 0 skips a phase
 * @param finetuneEpochs epochs each sub-network on the Pareto front is fine-tuned for after extraction
 * @param finetuneLrScale the fine-tuning learning rate as a fraction of the recipe's
 * @param calibrationBatches training batches that re-estimate batch norm's statistics for each sub-network
 */
public record SupernetSettings(int[] phaseEpochs, int finetuneEpochs, double finetuneLrScale, int calibrationBatches) {
    public SupernetSettings {
        int phases = Supernet.Phase.values().length;
        if (phaseEpochs == null || phaseEpochs.length != phases) {
            throw new IllegalArgumentException("--phase-epochs: expected " + phases + " numbers (largest, kernel, depth,"
                    + " width), got " + (phaseEpochs == null ? "none" : Arrays.toString(phaseEpochs)));
        }
        for (int e : phaseEpochs) {
            if (e < 0) {
                throw new IllegalArgumentException("--phase-epochs: " + e + " is negative");
            }
        }
        if (phaseEpochs[0] < 1) {
            throw new IllegalArgumentException("--phase-epochs: the largest network's phase needs at least 1 epoch");
        }
        phaseEpochs = phaseEpochs.clone();
        if (finetuneEpochs < 1) {
            throw new IllegalArgumentException("--finetune-epochs must be at least 1, got " + finetuneEpochs);
        }
        if (!(finetuneLrScale > 0 && finetuneLrScale <= 1)) {
            throw new IllegalArgumentException("--finetune-lr-scale must be in (0, 1], got " + finetuneLrScale);
        }
        if (calibrationBatches < 1) {
            throw new IllegalArgumentException("--calibration-batches must be at least 1, got " + calibrationBatches);
        }
    }

    /** Parses {@code "2,1,1,1"}. */
    public static int[] parsePhaseEpochs(String text) {
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--phase-epochs: '" + parts[i].trim() + "' is not a whole number"
                        + " (expected e.g. 2,1,1,1 for the largest, kernel, depth and width phases)");
            }
        }
        return out;
    }

    @Override
    public int[] phaseEpochs() {
        return phaseEpochs.clone();
    }
}
