package org.greendl.train.strategy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greendl.profile.DjlBlocks;

/**
 * Net2WiderNet (Chen, Goodfellow and Shlens 2016) for sequential conv nets: train with fewer filters per conv, then
 * widen every conv back to its full width by copying filters, so the wide network computes what the narrow one did.
 *
 * <p>Wide channel j copies narrow channel g(j) (g(j) = j for the first n, a seeded random one for the rest): its
 * incoming weights, bias and batch-norm parameters and statistics are those of g(j); the next layer's weights from a
 * copied channel are divided by how many copies it has, so the sum the next layer sees is unchanged. Between convs
 * only per-channel, parameter-free blocks (ReLU, pooling, dropout) may stand; after the last conv a flatten and a
 * linear layer, whose inputs are widened per channel. Exact copies would stay copies under Adam (their gradients
 * differ only by a constant factor, which Adam normalizes away), so the new copies' incoming weights get a little
 * noise ({@code noise} times the layer's weight standard deviation), as the paper does; that is the only change to
 * the function, and callers measure it.
 */
public final class Net2Wider {
    /** Share of each conv's filters the narrow net keeps. */
    public static final double NARROW = 0.5;

    private Net2Wider() {}

    /**
     * A narrow net and the wide blocks it grows into. {@code wide} lists the original children; at the positions in
     * {@code changed} the narrow net has its own narrower blocks, elsewhere it shares the original's.
     */
    public record Narrow(SequentialBlock block, List<Block> wide, List<Integer> changed) {}

    /**
     * The narrow version of an uninitialized sequential conv net: every conv at {@link #NARROW} of its filters
     * (rounded up), a fresh batch norm after it, and a fresh first linear layer after the last conv.
     *
     * @throws IllegalArgumentException for a net this cannot widen back exactly (named reason)
     */
    public static Narrow narrow(Block block) {
        if (!(block instanceof SequentialBlock) || block.isInitialized()) {
            throw new IllegalArgumentException("widen needs an uninitialized sequential model of convs, batch norms and "
                    + "a linear head, got " + block.getClass().getSimpleName());
        }
        List<Block> children = new ArrayList<>(block.getChildren().values());
        SequentialBlock out = new SequentialBlock();
        List<Integer> changed = new ArrayList<>();
        boolean afterConv = false;
        boolean headDone = false;
        for (int i = 0; i < children.size(); i++) {
            Block c = children.get(i);
            Block replacement = c;
            if (c instanceof Conv2d conv) {
                if (headDone || conv.getGroups() != 1) {
                    throw new IllegalArgumentException("widen: conv at layer " + i + (headDone ? " follows the linear "
                            + "head" : " is grouped") + "; only plain convs before one linear layer can be widened");
                }
                replacement = Conv2d.builder().setKernelShape(conv.getKernelShape())
                        .setFilters((int) Math.ceil(conv.getFilters() * NARROW)).optStride(conv.getStride())
                        .optPadding(conv.getPadding()).optDilation(conv.getDilation())
                        .optBias(conv.getDirectParameters().contains("bias")).build();
                afterConv = true;
            } else if (c instanceof BatchNorm bn && afterConv && !headDone) {
                DjlBlocks.BatchNormSpec s = DjlBlocks.batchNorm(bn);
                if (s.axis() != 1) {
                    throw new IllegalArgumentException("widen: batch norm at layer " + i + " is not over channels");
                }
                replacement = BatchNorm.builder().optAxis(s.axis()).optEpsilon(s.epsilon()).optMomentum(s.momentum())
                        .optCenter(s.center()).optScale(s.scale()).build();
            } else if (c instanceof Linear linear && afterConv && !headDone) {
                replacement = Linear.builder().setUnits(DjlBlocks.linearUnits(linear))
                        .optBias(DjlBlocks.linearHasBias(linear)).build();
                headDone = true;
            } else if (!c.getParameters().isEmpty() && afterConv && !headDone) {
                throw new IllegalArgumentException("widen: layer " + i + " (" + c.getClass().getSimpleName()
                        + ") has parameters and is neither a conv, a batch norm nor the linear head");
            }
            if (replacement != c) {
                changed.add(i);
            }
            out.add(replacement);
        }
        if (!afterConv || !headDone) {
            throw new IllegalArgumentException("widen found no conv followed by a linear layer to widen");
        }
        return new Narrow(out, List.copyOf(children), List.copyOf(changed));
    }

    /**
     * Replaces the narrow blocks of the initialized {@code narrow.block()} by the wide originals, initialized as
     * copies (see the class comment); parameters are created in {@code manager}. {@code input} is the net's input
     * shape for one image. Returns one line per widened layer.
     */
    public static List<String> widen(Narrow narrow, Shape input, NDManager manager, double noise, Random random) {
        SequentialBlock net = narrow.block();
        List<Block> narrowChildren = new ArrayList<>(net.getChildren().values());
        Map<Integer, Block> replaced = new HashMap<>();
        List<String> log = new ArrayList<>();
        int[] copyOf = null; // wide channel -> narrow channel of the last conv so far
        int[] copies = null; // narrow channel -> number of wide channels copying it
        Shape[] shape = {input};
        for (int i = 0; i < narrowChildren.size(); i++) {
            Block small = narrowChildren.get(i);
            Block big = narrow.wide().get(i);
            if (small == big) {
                shape = big.getOutputShapes(shape);
                continue;
            }
            Map<Parameter.Type, float[]> values = new HashMap<>();
            if (small instanceof Conv2d s && big instanceof Conv2d b) {
                int n = s.getFilters();
                int wide = b.getFilters();
                int[] g = mapping(n, wide, random);
                int[] count = counts(g, n);
                float[] w = s.getParameters().get("weight").getArray().toFloatArray();
                int k = kernelSize(s);
                int inNarrow = w.length / (n * k);
                int inWide = (int) shape[0].get(1);
                float std = std(w);
                float[] ww = new float[wide * inWide * k];
                for (int j = 0; j < wide; j++) {
                    for (int c = 0; c < inWide; c++) {
                        int from = copyOf == null ? c : copyOf[c];
                        float scale = copyOf == null ? 1f : 1f / copies[from];
                        for (int t = 0; t < k; t++) {
                            float v = w[(g[j] * inNarrow + from) * k + t] * scale;
                            if (j >= n && noise > 0) {
                                v += (float) (noise * std * random.nextGaussian());
                            }
                            ww[(j * inWide + c) * k + t] = v;
                        }
                    }
                }
                values.put(Parameter.Type.WEIGHT, ww);
                if (s.getDirectParameters().contains("bias")) {
                    values.put(Parameter.Type.BIAS, gather(s.getParameters().get("bias").getArray().toFloatArray(), g));
                }
                copyOf = g;
                copies = count;
                log.add(String.format("conv at layer %d: %d -> %d filters", i, n, wide));
            } else if (small instanceof BatchNorm && big instanceof BatchNorm) {
                for (Parameter p : small.getDirectParameters().values()) {
                    values.put(p.getType(), gather(p.getArray().toFloatArray(), copyOf));
                }
            } else if (small instanceof Linear s && big instanceof Linear) {
                float[] w = s.getParameters().get("weight").getArray().toFloatArray();
                int units = (int) DjlBlocks.linearUnits(s);
                int inNarrow = w.length / units;
                int perChannel = inNarrow / copies.length;
                if (perChannel * copies.length != inNarrow) {
                    throw new IllegalStateException("widen: the linear head's " + inNarrow + " inputs are not "
                            + copies.length + " channels x positions");
                }
                int inWide = copyOf.length * perChannel;
                float[] ww = new float[units * inWide];
                for (int u = 0; u < units; u++) {
                    for (int j = 0; j < copyOf.length; j++) {
                        float scale = 1f / copies[copyOf[j]];
                        for (int p = 0; p < perChannel; p++) {
                            ww[u * inWide + j * perChannel + p] = w[u * inNarrow + copyOf[j] * perChannel + p] * scale;
                        }
                    }
                }
                values.put(Parameter.Type.WEIGHT, ww);
                if (s.getDirectParameters().contains("bias")) {
                    values.put(Parameter.Type.BIAS, s.getParameters().get("bias").getArray().toFloatArray());
                }
                log.add(String.format("linear at layer %d: %d -> %d inputs", i, inNarrow, inWide));
            } else {
                throw new IllegalStateException("widen: unexpected layer pair at " + i);
            }
            for (Parameter p : big.getDirectParameters().values()) {
                float[] v = values.get(p.getType());
                if (v == null) {
                    throw new IllegalStateException("widen: no values for " + p.getName() + " at layer " + i);
                }
                p.setInitializer(Net2Net.constant(v));
            }
            big.initialize(manager, DataType.FLOAT32, shape);
            replaced.put(i, big);
            shape = big.getOutputShapes(shape);
        }
        for (int i = 0; i < narrowChildren.size(); i++) {
            net.removeLastBlock();
        }
        for (int i = 0; i < narrowChildren.size(); i++) {
            net.add(replaced.getOrDefault(i, narrowChildren.get(i)));
        }
        return log;
    }

    /** Wide channel j -> narrow channel: itself for the first n, then seeded random picks. */
    static int[] mapping(int n, int wide, Random random) {
        int[] g = new int[wide];
        for (int j = 0; j < wide; j++) {
            g[j] = j < n ? j : random.nextInt(n);
        }
        return g;
    }

    private static int[] counts(int[] g, int n) {
        int[] c = new int[n];
        for (int v : g) {
            c[v]++;
        }
        return c;
    }

    private static float[] gather(float[] values, int[] g) {
        float[] out = new float[g.length];
        for (int j = 0; j < g.length; j++) {
            out[j] = values[g[j]];
        }
        return out;
    }

    private static int kernelSize(Conv2d conv) {
        long k = 1;
        for (long d : conv.getKernelShape().getShape()) {
            k *= d;
        }
        return (int) k;
    }

    private static float std(float[] w) {
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double var = 0;
        for (float v : w) {
            var += (v - mean) * (v - mean);
        }
        return (float) Math.sqrt(var / w.length);
    }
}
