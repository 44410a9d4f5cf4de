package org.greendl.data.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * What is subtracted from and divided into each channel (each feature of a feature vector) before training,
 * after bytes are scaled to [0, 1].
 *
 * @param source {@code training-split} (computed), {@code given}, {@code none}, or {@code fashion-mnist}
 */
public record Normalization(List<Float> mean, List<Float> std, String source) {
    public Normalization {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /**
     * Parses {@code none}, {@code MEAN,STD} (one pair for every channel) or {@code M1,..,MC,S1,..,SC} (one pair
     * per channel) for data with {@code channels} channels.
     */
    public static Normalization parse(String setting, int channels) {
        if ("none".equalsIgnoreCase(setting.trim())) {
            return new Normalization(List.of(0f), List.of(1f), "none");
        }
        String[] parts = setting.split(",");
        List<Float> values = new ArrayList<>();
        for (String p : parts) {
            try {
                values.add(Float.parseFloat(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("normalize '" + setting + "': '" + p.trim() + "' is not a number");
            }
        }
        if (values.size() != 2 && values.size() != 2 * channels) {
            throw new IllegalArgumentException("normalize '" + setting + "' has " + values.size()
                    + " numbers; expected MEAN,STD or " + channels + " means then " + channels + " standard deviations");
        }
        int half = values.size() / 2;
        for (float s : values.subList(half, values.size())) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalize '" + setting + "': standard deviation " + s
                        + " must be > 0");
            }
        }
        return new Normalization(values.subList(0, half), values.subList(half, values.size()), "given");
    }

    public float[] meanArray() {
        return toArray(mean);
    }

    public float[] stdArray() {
        return toArray(std);
    }

    private static float[] toArray(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
