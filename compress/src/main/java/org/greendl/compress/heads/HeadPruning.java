package org.greendl.compress.heads;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.greendl.compress.Params;
import org.greendl.nn.attention.Attention;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;

/**
 * Removes attention heads physically: every {@link TransformerEncoder} of a model keeps its most important heads
 * and is rebuilt with fewer, each of the same size d (its Q, K, V rows and output-projection columns of the removed
 * heads are dropped), so the Q/K/V and output projections and the token mixing cost proportionally less. A head's
 * importance is the L2 norm of its columns of the output projection (how much it can add to the residual stream),
 * a magnitude criterion that needs no data. The rest of the model is copied as it is. Fine-tune afterwards.
 */
public final class HeadPruning {
    private HeadPruning() {}

    /**
     * Heads kept in one encoder (indices into the original heads, ascending), and its feed-forward hidden units
     * before and kept (indices ascending).
     */
    public record LayerHeads(String layer, int before, int[] kept, int hiddenBefore, int[] keptHidden) {}

    /**
     * The pruned model (initialized, in {@code manager}), the heads each encoder kept, and the attention MACs
     * (Q/K/V and output projections plus the token mixing, at batch 1) and total MACs before and after.
     */
    public record Result(Block block, List<LayerHeads> layers, long attentionMacsBefore, long attentionMacsAfter,
            long macsBefore, long macsAfter) {
        /** Share of the attention MACs removed. */
        public double attentionMacsRemoved() {
            return 1 - attentionMacsAfter / (double) attentionMacsBefore;
        }
    }

    /**
     * @param block an initialized model holding {@link TransformerEncoder} layers
     * @param input one input shape (batch first) the model is initialized for; MACs are counted at batch 1 of it
     * @param remove heads to remove from every encoder, from 1 up to one less than its heads
     */
    public static Result prune(Block block, Shape input, NDManager manager, int remove) {
        return prune(block, input, manager, remove, 0);
    }

    /**
     * Heads and feed-forward width at once.
     *
     * @param removeHeads heads removed from every encoder, 0 up to one less than its heads
     * @param removeHidden feed-forward hidden units removed from every encoder, 0 up to one less than its width;
     *     a unit's importance is the L2 norm of its first-layer row times that of its second-layer column
     */
    public static Result prune(Block block, Shape input, NDManager manager, int removeHeads, int removeHidden) {
        int remove = removeHeads;
        List<TransformerEncoder> encoders = new ArrayList<>();
        collect(block, encoders, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("head pruning: the model has no transformer encoder layer");
        }
        List<LayerHeads> kept = new ArrayList<>();
        for (int i = 0; i < encoders.size(); i++) {
            TransformerEncoder e = encoders.get(i);
            if (remove < 0 || remove >= e.heads()) {
                throw new IllegalArgumentException("head pruning: cannot remove " + remove + " of the " + e.heads()
                        + " heads of encoder " + i + " (at least one must stay)");
            }
            if (removeHidden < 0 || removeHidden >= e.mlpDim()) {
                throw new IllegalArgumentException("head pruning: cannot remove " + removeHidden + " of the "
                        + e.mlpDim() + " feed-forward units of encoder " + i + " (at least one must stay)");
            }
            if (remove == 0 && removeHidden == 0) {
                throw new IllegalArgumentException("head pruning: nothing to remove (give heads or feed-forward units)");
            }
            kept.add(new LayerHeads("encoder " + i, e.heads(), strongest(e.attention(), e.heads() - remove),
                    e.mlpDim(), strongestHidden(e, e.mlpDim() - removeHidden)));
        }
        ObjectNode spec = BlockSpecs.toTree(block);
        List<ObjectNode> nodes = new ArrayList<>();
        specEncoders(spec, nodes);
        if (nodes.size() != encoders.size()) {
            throw new IllegalStateException("head pruning: " + encoders.size() + " encoders in the model but "
                    + nodes.size() + " in its spec");
        }
        for (int i = 0; i < nodes.size(); i++) {
            TransformerEncoder e = encoders.get(i);
            nodes.get(i).put("heads", kept.get(i).kept().length);
            nodes.get(i).put("head_dim", e.headDim());
            nodes.get(i).put("mlp_dim", kept.get(i).keptHidden().length);
        }
        Block pruned = BlockSpecs.fromTree(spec);
        pruned.initialize(manager, DataType.FLOAT32, input);
        List<TransformerEncoder> rebuilt = new ArrayList<>();
        collect(pruned, rebuilt, Collections.newSetFromMap(new IdentityHashMap<>()));
        Set<Parameter> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < encoders.size(); i++) {
            copyEncoder(encoders.get(i), rebuilt.get(i), kept.get(i).kept(), kept.get(i).keptHidden(), done);
        }
        var from = block.getParameters();
        var to = pruned.getParameters();
        for (int i = 0; i < to.size(); i++) {
            Pair<String, Parameter> t = to.get(i);
            if (done.contains(t.getValue())) {
                continue;
            }
            Pair<String, Parameter> f = from.get(i);
            if (!f.getKey().equals(t.getKey())) {
                throw new IllegalStateException("head pruning: parameter " + f.getKey() + " became " + t.getKey());
            }
            Params.set(t.getValue(), Params.values(f.getValue()));
        }
        Shape one = new Shape(1).addAll(input.slice(1));
        Profile before = Profiler.profile(block, one);
        Profile after = Profiler.profile(pruned, one);
        return new Result(pruned, List.copyOf(kept), attentionMacs(before), attentionMacs(after),
                before.total().macs(), after.total().macs());
    }

    /** MACs of the rows under an encoder's attention block: projections and token mixing. */
    static long attentionMacs(Profile p) {
        return p.layers().stream().filter(l -> Arrays.asList(l.name().split("/")).contains("attention"))
                .mapToLong(LayerProfile::macs).sum();
    }

    /** The {@code keep} heads with the largest output-projection columns, in ascending order. */
    static int[] strongest(Attention a, int keep) {
        int heads = a.heads();
        int d = a.headDim();
        Parameter w = Params.direct(a.out(), "weight");
        float[] values = Params.values(w);
        int rows = (int) w.getArray().getShape().get(0);
        int cols = heads * d;
        double[] score = new double[heads];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r * cols + c];
                score[c / d] += v * v;
            }
        }
        return Params.strongest(score, keep);
    }

    /** The {@code keep} feed-forward units with the largest |row of fc1| * |column of fc2|, ascending. */
    static int[] strongestHidden(TransformerEncoder e, int keep) {
        int hidden = e.mlpDim();
        float[] w1 = Params.values(Params.direct(e.mlp().getChildren().get(0).getValue(), "weight"));
        float[] w2 = Params.values(Params.direct(e.mlp().getChildren().get(2).getValue(), "weight"));
        int in = w1.length / hidden;
        int out = w2.length / hidden;
        double[] score = new double[hidden];
        for (int u = 0; u < hidden; u++) {
            double a = 0;
            for (int j = 0; j < in; j++) {
                a += (double) w1[u * in + j] * w1[u * in + j];
            }
            double b = 0;
            for (int r = 0; r < out; r++) {
                b += (double) w2[r * hidden + u] * w2[r * hidden + u];
            }
            score[u] = Math.sqrt(a * b);
        }
        return Params.strongest(score, keep);
    }

    /** Norms whole; Q, K, V rows and output columns of the kept heads; the MLP's kept hidden units. */
    private static void copyEncoder(TransformerEncoder from, TransformerEncoder to, int[] kept, int[] hidden,
            Set<Parameter> done) {
        int heads = from.heads();
        int d = from.headDim();
        int[] rows = new int[3 * kept.length * d]; // qkv units are laid out (part, head, d)
        int pos = 0;
        for (int part = 0; part < 3; part++) {
            for (int h : kept) {
                for (int j = 0; j < d; j++) {
                    rows[pos++] = part * heads * d + h * d + j;
                }
            }
        }
        int[] cols = new int[kept.length * d];
        pos = 0;
        for (int h : kept) {
            for (int j = 0; j < d; j++) {
                cols[pos++] = h * d + j;
            }
        }
        Attention a = from.attention();
        Attention b = to.attention();
        Parameter qkvW = Params.direct(a.qkv(), "weight");
        set(Params.direct(b.qkv(), "weight"), Params.select(Params.values(qkvW), qkvW.getArray().getShape(), rows,
                null), done);
        Parameter qkvB = Params.direct(a.qkv(), "bias");
        set(Params.direct(b.qkv(), "bias"), Params.select(Params.values(qkvB), qkvB.getArray().getShape(), rows,
                null), done);
        Parameter outW = Params.direct(a.out(), "weight");
        set(Params.direct(b.out(), "weight"), Params.select(Params.values(outW), outW.getArray().getShape(), null,
                cols), done);
        set(Params.direct(b.out(), "bias"), Params.values(Params.direct(a.out(), "bias")), done);
        Block fc1 = from.mlp().getChildren().get(0).getValue();
        Block fc2 = from.mlp().getChildren().get(2).getValue();
        Block newFc1 = to.mlp().getChildren().get(0).getValue();
        Block newFc2 = to.mlp().getChildren().get(2).getValue();
        Parameter w1 = Params.direct(fc1, "weight");
        set(Params.direct(newFc1, "weight"), Params.select(Params.values(w1), w1.getArray().getShape(), hidden, null),
                done);
        Parameter b1 = Params.direct(fc1, "bias");
        set(Params.direct(newFc1, "bias"), Params.select(Params.values(b1), b1.getArray().getShape(), hidden, null),
                done);
        Parameter w2 = Params.direct(fc2, "weight");
        set(Params.direct(newFc2, "weight"), Params.select(Params.values(w2), w2.getArray().getShape(), null, hidden),
                done);
        set(Params.direct(newFc2, "bias"), Params.values(Params.direct(fc2, "bias")), done);
        for (Block[] pair : new Block[][] {{from.norm1(), to.norm1()}, {from.norm2(), to.norm2()}}) {
            var f = pair[0].getParameters();
            var t = pair[1].getParameters();
            for (int i = 0; i < t.size(); i++) {
                set(t.get(i).getValue(), Params.values(f.get(i).getValue()), done);
            }
        }
    }

    private static void set(Parameter p, float[] values, Set<Parameter> done) {
        Params.set(p, values);
        done.add(p);
    }

    /** Encoders in depth-first order of children, each once (an ALBERT layer is one encoder). */
    private static void collect(Block b, List<TransformerEncoder> out, Set<Block> seen) {
        if (!seen.add(b)) {
            return;
        }
        if (b instanceof TransformerEncoder e) {
            out.add(e);
            return;
        }
        for (Pair<String, Block> c : b.getChildren()) {
            collect(c.getValue(), out, seen);
        }
    }

    /** transformer-encoder nodes of a spec, in document order (the codecs write children in order). */
    private static void specEncoders(JsonNode n, List<ObjectNode> out) {
        if (n.isObject() && "transformer-encoder".equals(n.path("type").asText())) {
            out.add((ObjectNode) n);
            return;
        }
        for (JsonNode c : n) {
            specEncoders(c, out);
        }
    }
}
