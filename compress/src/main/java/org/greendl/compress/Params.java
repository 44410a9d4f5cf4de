package org.greendl.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** Host-side access to parameter values: compression maths runs on plain float arrays. */
public final class Params {
    private Params() {}

    public static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    /** Overwrites a parameter's values in place (same shape). Call outside a gradient collector. */
    public static void set(Parameter p, float[] values) {
        NDArray array = p.getArray();
        if (array.size() != values.length) {
            throw new IllegalStateException("parameter " + p.getName() + " has " + array.size()
                    + " values, got " + values.length);
        }
        array.set(FloatBuffer.wrap(values));
    }

    /** The direct parameter of a block with this name ("weight", "gamma", ...), or null. */
    public static Parameter direct(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (name.equals(p.getKey())) {
                return p.getValue();
            }
        }
        return null;
    }

    /** Total number of parameter values of a block tree. */
    public static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                    || p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /**
     * Selects indices along axes 0 and 1 of a row-major tensor (null keeps an axis whole); the remaining axes
     * are copied as contiguous blocks.
     */
    public static float[] select(float[] src, Shape shape, int[] keep0, int[] keep1) {
        int d0 = (int) shape.get(0);
        int d1 = shape.dimension() > 1 ? (int) shape.get(1) : 1;
        int inner = (int) (shape.size() / ((long) d0 * d1));
        int[] k0 = keep0 == null ? range(d0) : keep0;
        int[] k1 = keep1 == null ? range(d1) : keep1;
        float[] out = new float[k0.length * k1.length * inner];
        int pos = 0;
        for (int i : k0) {
            for (int j : k1) {
                System.arraycopy(src, (i * d1 + j) * inner, out, pos, inner);
                pos += inner;
            }
        }
        return out;
    }

    public static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The indices of the {@code keep} largest scores, in ascending index order (ties keep the lower index). */
    public static int[] strongest(double[] score, int keep) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < score.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int[] chosen = new int[keep];
        for (int i = 0; i < keep; i++) {
            chosen[i] = order[i];
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
