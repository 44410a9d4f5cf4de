package org.greendl.compress.prune;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Measured sizes of a (sparse) model's parameters in three encodings: dense float32, a bitmask plus the
 * non-zero values (one bit per weight, four bytes per survivor), and DJL's parameter file deflated.
 */
public final class SparseSize {
    private SparseSize() {}

    public record Sizes(long denseBytes, long bitmaskBytes, long deflatedBytes) {}

    public static Sizes measure(Block model) {
        return new Sizes(dense(model), encodeBitmask(model).length, deflatedParameters(model));
    }

    private static long dense(Block model) {
        long n = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            n += p.getValue().getArray().size() * 4L;
        }
        return n;
    }

    /** Bitmask + non-zeros, every parameter (zeros in BatchNorm and biases are rare, encoded all the same). */
    public static byte[] encodeBitmask(Block model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Pair<String, Parameter> p : model.getParameters()) {
                float[] v = p.getValue().getArray().toFloatArray();
                out.writeInt(v.length);
                byte[] mask = new byte[(v.length + 7) / 8];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != 0f) {
                        mask[i >> 3] |= (byte) (1 << (i & 7));
                    }
                }
                out.write(mask);
                for (float f : v) {
                    if (f != 0f) {
                        out.writeFloat(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long deflatedParameters(Block model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION));
                DataOutputStream out = new DataOutputStream(z)) {
            model.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
