package org.greendl.train.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.greendl.nn.Layers;
import org.greendl.nn.spec.ModelSpec;

/**
 * A weight-sharing supernet over a {@link NasSpace} (Once-for-All style): one set of weights at the space's largest
 * choices, and every architecture of the space a slice of it. A stage's depth d runs its first d blocks; a width
 * or expansion takes the first channels of each weight; a smaller kernel is the centre crop of the largest one;
 * squeeze-excitation off skips the block's SE weights. Batch norm keeps one running mean and variance per
 * channel, shared like the weights; {@link #calibrate} re-estimates them for one architecture before it is judged.
 *
 * <p>In training the supernet runs a different architecture for every batch, drawn from what the current
 * {@link Phase} of progressive shrinking lets vary; otherwise it runs the {@link #setActive active} one.
 * {@link #extract} builds the active architecture as an ordinary model spec block holding the sliced weights.
 */
final class Supernet extends AbstractBlock {
    static final float BN_EPSILON = 1e-5f;
    /** Batch norm's running statistics: running = (1 - m) running + m batch, as DJL's momentum 0.9. */
    static final float BN_UPDATE = 0.1f;

    /**
     * The phases of progressive shrinking, in the order they run: each lets one more kind of choice vary and keeps
     * the others at their largest.
     */
    enum Phase {
        LARGEST, KERNEL, DEPTH, WIDTH;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String varies() {
            return switch (this) {
                case LARGEST -> "nothing (the largest network)";
                case KERNEL -> "depthwise kernel";
                case DEPTH -> "depthwise kernel, stage depth";
                case WIDTH -> "depthwise kernel, stage depth, width, expansion, stem and head width, squeeze-excitation";
            };
        }
    }

    /** A batch norm's four arrays. */
    private record Bn(Parameter gamma, Parameter beta, Parameter mean, Parameter var) {}

    /** One block position (stage i, depth d) at its largest. */
    private record Unit(int stage, int index, int inMax, int hiddenMax, int outMax, int kernelMax, int stride,
                        Parameter expand, Bn expandBn, Parameter depthwise, Bn depthwiseBn,
                        Parameter seReduceW, Parameter seReduceB, Parameter seExpandW, Parameter seExpandB,
                        Parameter project, Bn projectBn) {}

    private final NasSpace space;
    private final int inChannels;
    private final int classes;
    private final int[] largest;
    private final int stemMax;
    private final int headMax;
    private final Parameter stem;
    private final Bn stemBn;
    private final List<List<Unit>> units = new ArrayList<>();
    private final Parameter head;
    private final Bn headBn;
    private final Parameter fcWeight;
    private final Parameter fcBias;
    private Phase phase = Phase.LARGEST;
    private Random rng = new Random(0);
    private int[] active;
    private final List<int[]> drawn = new ArrayList<>();
    private boolean recordDraws;
    private boolean calibrating;
    private int calibrationStep;

    /** The supernet of {@code space} for images of {@code inChannels} channels and {@code classes} classes. */
    Supernet(NasSpace space, int inChannels, int classes) {
        this.space = space;
        this.inChannels = inChannels;
        this.classes = classes;
        this.largest = largestGenes(space);
        this.active = largest.clone();
        stemMax = max(space.stemWidths());
        stem = weight("stem", stemMax, inChannels, 3, 3);
        stemBn = bn("stem_bn", stemMax);
        int channels = stemMax;
        for (int i = 0; i < space.stages().size(); i++) {
            NasSpace.Stage st = space.stages().get(i);
            int width = max(st.width());
            int emax = max(st.expansion());
            int kmax = max(st.kernel());
            boolean anyExpand = st.expansion().stream().anyMatch(e -> e != 1);
            boolean anySe = st.se().contains(true);
            List<Unit> stage = new ArrayList<>();
            for (int d = 0; d < max(st.depth()); d++) {
                int in = d == 0 ? channels : width;
                int hidden = in * emax;
                String p = "s" + i + "b" + d + "_";
                int sq = Math.max(8, hidden / 4);
                stage.add(new Unit(i, d, in, hidden, width, kmax, d == 0 ? st.stride() : 1,
                        anyExpand ? weight(p + "expand", hidden, in, 1, 1) : null,
                        anyExpand ? bn(p + "expand_bn", hidden) : null,
                        weight(p + "depthwise", hidden, 1, kmax, kmax), bn(p + "depthwise_bn", hidden),
                        anySe ? weight(p + "se_reduce", sq, hidden, 1, 1) : null,
                        anySe ? bias(p + "se_reduce_bias", sq) : null,
                        anySe ? weight(p + "se_expand", hidden, sq, 1, 1) : null,
                        anySe ? bias(p + "se_expand_bias", hidden) : null,
                        weight(p + "project", width, hidden, 1, 1), bn(p + "project_bn", width)));
            }
            units.add(stage);
            channels = width;
        }
        headMax = max(space.headWidths());
        head = weight("head", headMax, channels, 1, 1);
        headBn = bn("head_bn", headMax);
        fcWeight = weight("fc", classes, headMax);
        fcBias = bias("fc_bias", classes);
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    private static int max(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** The genes of the space's largest architecture (SE on where it may be). */
    static int[] largestGenes(NasSpace space) {
        int[] g = new int[space.sizes().length];
        g[0] = argMax(space.stemWidths());
        for (int i = 0; i < space.stages().size(); i++) {
            NasSpace.Stage st = space.stages().get(i);
            int b = 1 + NasSpace.PER_STAGE * i;
            g[b] = argMax(st.depth());
            g[b + 1] = argMax(st.width());
            g[b + 2] = argMax(st.kernel());
            g[b + 3] = argMax(st.expansion());
            g[b + 4] = st.se().indexOf(st.se().contains(true));
        }
        g[space.headWidthGene()] = argMax(space.headWidths());
        return g;
    }

    /** The smallest architecture of the space (SE off where it may be). */
    int[] smallest() {
        int[] g = new int[largest.length];
        g[0] = argMin(space.stemWidths());
        for (int i = 0; i < space.stages().size(); i++) {
            NasSpace.Stage st = space.stages().get(i);
            int b = 1 + NasSpace.PER_STAGE * i;
            g[b] = argMin(st.depth());
            g[b + 1] = argMin(st.width());
            g[b + 2] = argMin(st.kernel());
            g[b + 3] = argMin(st.expansion());
            g[b + 4] = st.se().indexOf(!st.se().contains(false));
        }
        g[space.headWidthGene()] = argMin(space.headWidths());
        return g;
    }

    private static int argMin(List<Integer> xs) {
        int best = 0;
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i) < xs.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private static int argMax(List<Integer> xs) {
        int best = 0;
        for (int i = 1; i < xs.size(); i++) {
            if (xs.get(i) > xs.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private Parameter weight(String name, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape)).build());
    }

    private Parameter bias(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(new Shape(n))
                .build());
    }

    private Bn bn(String name, long n) {
        return new Bn(addParameter(Parameter.builder().setName(name + "_gamma").setType(Parameter.Type.GAMMA)
                        .optShape(new Shape(n)).build()),
                addParameter(Parameter.builder().setName(name + "_beta").setType(Parameter.Type.BETA)
                        .optShape(new Shape(n)).build()),
                addParameter(Parameter.builder().setName(name + "_mean").setType(Parameter.Type.RUNNING_MEAN)
                        .optRequiresGrad(false).optShape(new Shape(n)).build()),
                addParameter(Parameter.builder().setName(name + "_var").setType(Parameter.Type.RUNNING_VAR)
                        .optRequiresGrad(false).optShape(new Shape(n)).build()));
    }

    NasSpace space() {
        return space;
    }

    int[] largest() {
        return largest.clone();
    }

    /** Sets the phase of progressive shrinking and seeds the draws of the architectures it trains. */
    void setPhase(Phase p, long seed) {
        phase = p;
        rng = new Random(seed);
    }

    Phase phase() {
        return phase;
    }

    /** The architecture run outside training, by {@link #calibrate} and by {@link #extract}. */
    void setActive(int[] genes) {
        if (genes.length != largest.length) {
            throw new IllegalArgumentException("expected " + largest.length + " genes, got " + genes.length);
        }
        active = genes.clone();
    }

    /** Keeps every architecture drawn in training (for tests of the phases). */
    void recordDraws(boolean on) {
        recordDraws = on;
        drawn.clear();
    }

    List<int[]> drawn() {
        return List.copyOf(drawn);
    }

    /** An architecture the current phase trains: the choices it lets vary drawn uniformly, the rest largest. */
    int[] draw(Random r) {
        int[] sizes = space.sizes();
        int[] g = largest.clone();
        boolean widths = phase.compareTo(Phase.WIDTH) >= 0;
        if (widths) {
            g[0] = r.nextInt(sizes[0]);
            g[space.headWidthGene()] = r.nextInt(sizes[space.headWidthGene()]);
        }
        for (int i = 0; i < space.stages().size(); i++) {
            int b = 1 + NasSpace.PER_STAGE * i;
            if (phase.compareTo(Phase.DEPTH) >= 0) {
                g[b] = r.nextInt(sizes[b]);
            }
            if (widths) {
                g[b + 1] = r.nextInt(sizes[b + 1]);
                g[b + 3] = r.nextInt(sizes[b + 3]);
                g[b + 4] = r.nextInt(sizes[b + 4]);
            }
            if (phase.compareTo(Phase.KERNEL) >= 0) {
                g[b + 2] = r.nextInt(sizes[b + 2]);
            }
        }
        return g;
    }

    /**
     * Re-estimates batch norm's running statistics for {@code genes} from {@code batches} (each a batch of inputs):
     * the plain average of the batches' means and variances, as Once-for-All recalibrates a sub-network.
     */
    void calibrate(int[] genes, Iterable<NDArray> batches) {
        setActive(genes);
        calibrating = true;
        calibrationStep = 0;
        try {
            try (NDManager scratch = NDManager.newBaseManager()) {
                ParameterStore ps = new ParameterStore(scratch, false);
                for (NDArray x : batches) {
                    forward(ps, new NDList(x), false);
                    calibrationStep++;
                }
            }
        } finally {
            calibrating = false;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        int[] g;
        if (training && !calibrating) {
            g = draw(rng);
            if (recordDraws) {
                drawn.add(g);
            }
        } else {
            g = active;
        }
        boolean batchStats = training || calibrating;
        NDArray x = inputs.singletonOrThrow();
        int stemWidth = space.stemWidths().get(g[0]);
        x = conv(x, cut(value(ps, stem, x), x, new NDIndex(":{}", stemWidth)), null, 1, 1, 1);
        x = Layers.relu6(bn(ps, x, stemBn, stemWidth, batchStats));
        int channels = stemWidth;
        for (int i = 0; i < units.size(); i++) {
            NasSpace.Stage st = space.stages().get(i);
            int b = 1 + NasSpace.PER_STAGE * i;
            int depth = st.depth().get(g[b]);
            int width = st.width().get(g[b + 1]);
            int kernel = st.kernel().get(g[b + 2]);
            int expansion = st.expansion().get(g[b + 3]);
            boolean se = st.se().get(g[b + 4]);
            for (int d = 0; d < depth; d++) {
                x = unit(ps, units.get(i).get(d), x, channels, width, kernel, expansion, se, batchStats);
                channels = width;
            }
        }
        int headWidth = space.headWidths().get(g[space.headWidthGene()]);
        x = conv(x, cut(value(ps, head, x), x, new NDIndex(":{}, :{}", headWidth, channels)), null, 1, 0, 1);
        x = Layers.relu6(bn(ps, x, headBn, headWidth, batchStats));
        x = Pool.globalAvgPool2d(x);
        x = Linear.linear(x, cut(value(ps, fcWeight, x), x, new NDIndex(":, :{}", headWidth)), value(ps, fcBias, x))
                .singletonOrThrow();
        return new NDList(x);
    }

    private NDArray unit(ParameterStore ps, Unit u, NDArray x, int in, int out, int kernel, int expansion, boolean se,
                         boolean batchStats) {
        int hidden = in * expansion;
        NDArray h = x;
        if (expansion != 1) {
            h = conv(h, cut(value(ps, u.expand(), x), x, new NDIndex(":{}, :{}", hidden, in)), null, 1, 0, 1);
            h = Layers.relu6(bn(ps, h, u.expandBn(), hidden, batchStats));
        }
        int off = (u.kernelMax() - kernel) / 2;
        NDArray dw = cut(value(ps, u.depthwise(), x), x, new NDIndex(":{}, :, {}:{}, {}:{}", hidden, off, off + kernel,
                off, off + kernel));
        h = conv(h, dw, null, u.stride(), kernel / 2, hidden);
        h = Layers.relu6(bn(ps, h, u.depthwiseBn(), hidden, batchStats));
        if (se) {
            int sq = Math.max(8, hidden / 4);
            NDArray s = h.mean(new int[] {3}, true).mean(new int[] {2}, true);
            s = conv(s, cut(value(ps, u.seReduceW(), x), x, new NDIndex(":{}, :{}", sq, hidden)),
                    cut(value(ps, u.seReduceB(), x), x, new NDIndex(":{}", sq)), 1, 0, 1);
            s = Activation.relu(s);
            s = conv(s, cut(value(ps, u.seExpandW(), x), x, new NDIndex(":{}, :{}", hidden, sq)),
                    cut(value(ps, u.seExpandB(), x), x, new NDIndex(":{}", hidden)), 1, 0, 1);
            h = h.mul(Activation.sigmoid(s));
        }
        h = conv(h, cut(value(ps, u.project(), x), x, new NDIndex(":{}, :{}", out, hidden)), null, 1, 0, 1);
        h = bn(ps, h, u.projectBn(), out, batchStats);
        return u.stride() == 1 && in == out ? h.add(x) : h;
    }

    /**
     * A slice of a supernet array that lives as long as {@code like} (the batch's arrays): slices left in the
     * parameters' manager would pile up over training.
     */
    private static NDArray cut(NDArray a, NDArray like, NDIndex index) {
        NDArray s = a.get(index);
        s.attach(like.getManager());
        return s;
    }

    private static NDArray value(ParameterStore ps, Parameter p, NDArray like) {
        return ps.getValue(p, like.getDevice(), true);
    }

    private static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int pad, int groups) {
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), groups)
                .singletonOrThrow();
    }

    /**
     * Batch norm over the first {@code c} channels. With batch statistics the running ones are updated in place
     * (training: DJL's momentum; calibration: a plain average over the calibration batches).
     */
    private NDArray bn(ParameterStore ps, NDArray x, Bn p, int c, boolean batchStats) {
        NDIndex first = new NDIndex(":{}", c);
        NDArray gamma = cut(value(ps, p.gamma(), x), x, first);
        NDArray beta = cut(value(ps, p.beta(), x), x, first);
        NDArray runMean = value(ps, p.mean(), x);
        NDArray runVar = value(ps, p.var(), x);
        if (!batchStats) {
            return BatchNorm.batchNorm(x, cut(runMean, x, first), cut(runVar, x, first), gamma, beta, 1, 0.9f, BN_EPSILON,
                    false).singletonOrThrow();
        }
        Shape perChannel = new Shape(1, c, 1, 1);
        NDArray mean = channelMean(x);
        NDArray centred = x.sub(mean.reshape(perChannel));
        NDArray var = channelMean(centred.square());
        NDArray y = centred.div(var.add(BN_EPSILON).sqrt().reshape(perChannel)).mul(gamma.reshape(perChannel))
                .add(beta.reshape(perChannel));
        long n = x.getShape().get(0) * x.getShape().get(2) * x.getShape().get(3);
        float m = calibrating ? 1f / (calibrationStep + 1) : BN_UPDATE;
        NDArray batchMean = mean.stopGradient();
        // The running variance is unbiased, as torch keeps it.
        NDArray batchVar = var.stopGradient().mul(n > 1 ? (float) n / (n - 1) : 1f);
        runMean.set(first, cut(runMean, x, first).mul(1 - m).add(batchMean.mul(m)));
        runVar.set(first, cut(runVar, x, first).mul(1 - m).add(batchVar.mul(m)));
        return y;
    }

    /** The mean per channel of (N, C, H, W), one axis at a time (the engine reduces one axis per call). */
    private static NDArray channelMean(NDArray x) {
        return x.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0});
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks: every weight is a parameter of the supernet itself
    }

    /**
     * The active architecture as the model spec block {@link NasSpace#spec} describes, initialized in {@code
     * manager} and holding copies of the supernet's slices (weights and batch norm statistics): run on the same
     * input it gives the supernet's output for that architecture.
     */
    Block extract(NDManager manager, long[] chw) {
        ModelSpec spec = ModelSpec.parse(space.spec(active, chw, classes).toString());
        Block block = spec.build();
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(new Shape(chw)));
        try (NDManager tmp = NDManager.newBaseManager()) {
            copy(slices(active, tmp), block);
        }
        return block;
    }

    private static void copy(List<Pair<String, NDArray>> slices, Block block) {
        PairList<String, Parameter> targets = block.getParameters();
        if (targets.size() != slices.size()) {
            throw new IllegalStateException("sub-network has " + targets.size() + " arrays, the supernet's slice "
                    + slices.size());
        }
        for (int i = 0; i < slices.size(); i++) {
            Parameter t = targets.get(i).getValue();
            NDArray src = slices.get(i).getValue();
            if (!t.getName().equals(slices.get(i).getKey()) || !t.getArray().getShape().equals(src.getShape())) {
                throw new IllegalStateException("sub-network array " + targets.get(i).getKey() + " "
                        + t.getArray().getShape() + " does not match the supernet's slice " + slices.get(i).getKey()
                        + " " + src.getShape());
            }
            t.getArray().set(FloatBuffer.wrap(src.toFloatArray()));
        }
    }

    /** The supernet's slices for {@code g}, named and ordered as the model spec block's parameters. */
    private List<Pair<String, NDArray>> slices(int[] g, NDManager tmp) {
        List<Pair<String, NDArray>> out = slices(g);
        out.forEach(p -> p.getValue().attach(tmp));
        return out;
    }

    private List<Pair<String, NDArray>> slices(int[] g) {
        List<Pair<String, NDArray>> out = new ArrayList<>();
        int stemWidth = space.stemWidths().get(g[0]);
        out.add(new Pair<>("weight", stem.getArray().get(new NDIndex(":{}", stemWidth))));
        addBn(out, stemBn, stemWidth);
        int channels = stemWidth;
        for (int i = 0; i < units.size(); i++) {
            NasSpace.Stage st = space.stages().get(i);
            int b = 1 + NasSpace.PER_STAGE * i;
            int width = st.width().get(g[b + 1]);
            int kernel = st.kernel().get(g[b + 2]);
            int expansion = st.expansion().get(g[b + 3]);
            boolean se = st.se().get(g[b + 4]);
            for (int d = 0; d < st.depth().get(g[b]); d++) {
                Unit u = units.get(i).get(d);
                int hidden = channels * expansion;
                if (expansion != 1) {
                    out.add(new Pair<>("weight", u.expand().getArray().get(new NDIndex(":{}, :{}", hidden, channels))));
                    addBn(out, u.expandBn(), hidden);
                }
                int off = (u.kernelMax() - kernel) / 2;
                out.add(new Pair<>("weight", u.depthwise().getArray().get(new NDIndex(":{}, :, {}:{}, {}:{}", hidden,
                        off, off + kernel, off, off + kernel))));
                addBn(out, u.depthwiseBn(), hidden);
                if (se) {
                    int sq = Math.max(8, hidden / 4);
                    out.add(new Pair<>("weight", u.seReduceW().getArray().get(new NDIndex(":{}, :{}", sq, hidden))));
                    out.add(new Pair<>("bias", u.seReduceB().getArray().get(new NDIndex(":{}", sq))));
                    out.add(new Pair<>("weight", u.seExpandW().getArray().get(new NDIndex(":{}, :{}", hidden, sq))));
                    out.add(new Pair<>("bias", u.seExpandB().getArray().get(new NDIndex(":{}", hidden))));
                }
                out.add(new Pair<>("weight", u.project().getArray().get(new NDIndex(":{}, :{}", width, hidden))));
                addBn(out, u.projectBn(), width);
                channels = width;
            }
        }
        int headWidth = space.headWidths().get(g[space.headWidthGene()]);
        out.add(new Pair<>("weight", head.getArray().get(new NDIndex(":{}, :{}", headWidth, channels))));
        addBn(out, headBn, headWidth);
        out.add(new Pair<>("weight", fcWeight.getArray().get(new NDIndex(":, :{}", headWidth))));
        out.add(new Pair<>("bias", fcBias.getArray().get(new NDIndex(":{}", classes))));
        return out;
    }

    private static void addBn(List<Pair<String, NDArray>> out, Bn bn, int c) {
        NDIndex first = new NDIndex(":{}", c);
        out.add(new Pair<>("gamma", bn.gamma().getArray().get(first)));
        out.add(new Pair<>("beta", bn.beta().getArray().get(first)));
        out.add(new Pair<>("runningMean", bn.mean().getArray().get(first)));
        out.add(new Pair<>("runningVar", bn.var().getArray().get(first)));
    }

    int inChannels() {
        return inChannels;
    }
}
