package org.greendl.compress.lowrank;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greendl.compress.BlockRewriter;
import org.greendl.compress.CoreBlocks;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.WeightLayer;

/**
 * Truncated-SVD factorization (Denton et al., 2014; Jaderberg et al., 2014). A Linear(n -> m) with weight
 * W = U S V^T becomes Linear(n -> r, no bias) with weight sqrt(S_r) V_r^T followed by Linear(r -> m) with
 * weight U_r sqrt(S_r) and the original bias. A Conv2d with F filters of C x k x k becomes a k x k convolution
 * with r filters (same stride, padding, dilation, no bias) followed by a 1 x 1 convolution with F filters.
 * A layer is left alone when the chosen rank would not make it smaller.
 */
public final class LowRankFactorization {
    private LowRankFactorization() {}

    /** Per factorized layer: original rank bound, chosen rank, parameters before and after, retained energy. */
    public record LayerReport(String layer, int fullRank, int rank, long paramsBefore, long paramsAfter,
            double retainedEnergy) {}

    public record Result(Block block, Map<String, LayerReport> layers) {}

    public static Result factorize(Block model, Shape input, NDManager manager, LowRankConfig config) {
        Set<String> chosen = chooseLayers(model, config);
        Map<String, LayerReport> reports = new LinkedHashMap<>();
        Block out = BlockRewriter.rewrite(model, input, manager, (layer, rw) -> {
            if (!chosen.contains(layer.name())) {
                return null;
            }
            return layer.block() instanceof Linear
                    ? factorLinear(layer, config.policy(), rw, reports)
                    : factorConv(layer, config.policy(), rw, reports);
        });
        return new Result(out, reports);
    }

    private static Set<String> chooseLayers(Block model, LowRankConfig config) {
        List<WeightLayer> all = Layers.weightLayers(model);
        Set<String> chosen = new HashSet<>();
        if (!config.layers().isEmpty()) {
            for (String name : config.layers()) {
                WeightLayer l = Layers.find(model, name);
                if (l.block() instanceof Convolution c && c.getGroups() != 1) {
                    throw new IllegalArgumentException("cannot factorize grouped convolution " + name);
                }
                chosen.add(name);
            }
            return chosen;
        }
        for (int i = 0; i < all.size() - 1; i++) { // the output layer stays whole
            WeightLayer l = all.get(i);
            if (l.block() instanceof Linear) {
                chosen.add(l.name());
            } else if (config.convolutions() && i > 0 && ((Convolution) l.block()).getGroups() == 1) {
                chosen.add(l.name());
            }
        }
        return chosen;
    }

    private static Block factorLinear(WeightLayer layer, RankPolicy policy, BlockRewriter rw,
            Map<String, LayerReport> reports) {
        Shape ws = layer.weight().getArray().getShape();
        int m = (int) ws.get(0);
        int n = (int) ws.get(1);
        Svd.Result svd = Svd.decompose(Params.values(layer.weight()), m, n);
        int r = Math.min(policy.rank(svd.s(), m, n), svd.rank());
        long before = (long) m * n;
        long after = (long) r * (m + n);
        if (after >= before) {
            return null;
        }
        reports.put(layer.name(), new LayerReport(layer.name(), svd.rank(), r, before, after, energy(svd.s(), r)));
        Linear first = CoreBlocks.linear(r, false);
        Linear second = CoreBlocks.linear(m, layer.bias() != null);
        float[][] f = factors(svd, r, m, n);
        rw.setLater(Params.direct(first, "weight"), f[1]);
        rw.setLater(Params.direct(second, "weight"), f[0]);
        if (layer.bias() != null) {
            rw.setLater(Params.direct(second, "bias"), Params.values(layer.bias()));
        }
        return new SequentialBlock().add(first).add(second);
    }

    private static Block factorConv(WeightLayer layer, RankPolicy policy, BlockRewriter rw,
            Map<String, LayerReport> reports) {
        Convolution conv = (Convolution) layer.block();
        Shape ws = layer.weight().getArray().getShape();
        int m = (int) ws.get(0);
        int n = (int) (ws.size() / m); // C * kh * kw
        Svd.Result svd = Svd.decompose(Params.values(layer.weight()), m, n);
        int r = Math.min(policy.rank(svd.s(), m, n), svd.rank());
        long before = (long) m * n;
        long after = (long) r * (m + n);
        if (after >= before) {
            return null;
        }
        reports.put(layer.name(), new LayerReport(layer.name(), svd.rank(), r, before, after, energy(svd.s(), r)));
        Conv2d spatial = CoreBlocks.conv2d(conv, r, 1, false);
        Conv2d pointwise = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(m)
                .optBias(layer.bias() != null).build();
        float[][] f = factors(svd, r, m, n);
        rw.setLater(Params.direct(spatial, "weight"), f[1]);
        rw.setLater(Params.direct(pointwise, "weight"), f[0]);
        if (layer.bias() != null) {
            rw.setLater(Params.direct(pointwise, "bias"), Params.values(layer.bias()));
        }
        return new SequentialBlock().add(spatial).add(pointwise);
    }

    /** {U_r sqrt(S_r) as m x r, sqrt(S_r) V_r^T as r x n}, row-major floats. */
    static float[][] factors(Svd.Result svd, int r, int m, int n) {
        float[] left = new float[m * r];
        float[] right = new float[r * n];
        for (int k = 0; k < r; k++) {
            double root = Math.sqrt(svd.s()[k]);
            for (int i = 0; i < m; i++) {
                left[i * r + k] = (float) (svd.u()[k][i] * root);
            }
            for (int j = 0; j < n; j++) {
                right[k * n + j] = (float) (svd.v()[k][j] * root);
            }
        }
        return new float[][] {left, right};
    }

    static double energy(double[] s, int r) {
        double total = 0;
        double kept = 0;
        for (int i = 0; i < s.length; i++) {
            total += s[i] * s[i];
            if (i < r) {
                kept += s[i] * s[i];
            }
        }
        return total == 0 ? 1 : kept / total;
    }
}
