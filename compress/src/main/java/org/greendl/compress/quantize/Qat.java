package org.greendl.compress.quantize;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.compress.CoreBlocks;
import org.greendl.compress.Layers;
import org.greendl.compress.WeightLayer;
import org.greendl.record.QatScales;

/**
 * Quantization-aware training, as functions: {@link #wrap} gives a view of a model whose Conv2d/Linear layers
 * compute with fake-quantized int8 weights and inputs; training the view trains the original model's
 * parameters (they are shared). {@link #scales} reads the learned quantization parameters for {@code qat.json}
 * and {@link #restore} puts them back into a fresh view of a reloaded model.
 */
public final class Qat {
    private Qat() {}

    /** A fake-quantized view of {@code model}; containers are new, the layers and their parameters are shared. */
    public static Block wrap(Block model, QatConfig config) {
        Map<Block, String> names = new IdentityHashMap<>();
        for (WeightLayer l : Layers.weightLayers(model)) {
            names.put(l.block(), l.name());
        }
        return wrap(model, config, names);
    }

    private static Block wrap(Block block, QatConfig config, Map<Block, String> names) {
        if (names.containsKey(block)) {
            return new QuantizedLayer(names.get(block), block, config);
        }
        if (block instanceof SequentialBlock) {
            SequentialBlock out = new SequentialBlock();
            for (Pair<String, Block> c : block.getChildren()) {
                out.add(wrap(c.getValue(), config, names));
            }
            return out;
        }
        if (block instanceof ParallelBlock par) {
            List<Block> branches = new ArrayList<>();
            for (Pair<String, Block> c : par.getChildren()) {
                branches.add(wrap(c.getValue(), config, names));
            }
            return CoreBlocks.parallelLike(par, branches);
        }
        if (!block.getChildren().isEmpty() && !Layers.weightLayers(block).isEmpty()) {
            throw new IllegalArgumentException("QAT cannot look inside " + block.getClass().getSimpleName()
                    + " (supported containers: SequentialBlock, ParallelBlock)");
        }
        return block;
    }

    /** The quantized layers of a wrapped model, depth first. */
    public static List<QuantizedLayer> layers(Block wrapped) {
        List<QuantizedLayer> out = new ArrayList<>();
        collect(wrapped, out);
        return out;
    }

    private static void collect(Block b, List<QuantizedLayer> out) {
        if (b instanceof QuantizedLayer q) {
            out.add(q);
            return;
        }
        for (Pair<String, Block> c : b.getChildren()) {
            collect(c.getValue(), out);
        }
    }

    /** The scales a wrapped (trained or calibrated) model uses now. */
    public static QatScales scales(Block wrapped) {
        List<QatScales.Layer> layers = new ArrayList<>();
        for (QuantizedLayer q : layers(wrapped)) {
            FakeQuant.Affine a = q.activationRange();
            layers.add(new QatScales.Layer(q.name(), q.weightScales(),
                    a == null ? null : a.scale(), a == null ? null : a.zeroPoint(),
                    a == null ? null : a.min(), a == null ? null : a.max()));
        }
        return new QatScales(QatScales.FORMAT, 1, layers);
    }

    /** Sets the saved activation ranges on a fresh wrapped view (weight scales follow from the weights). */
    public static void restore(Block wrapped, QatScales scales) {
        Map<String, QatScales.Layer> byName = new java.util.HashMap<>();
        for (QatScales.Layer l : scales.layers()) {
            byName.put(l.name(), l);
        }
        for (QuantizedLayer q : layers(wrapped)) {
            QatScales.Layer l = byName.get(q.name());
            if (l == null) {
                throw new IllegalArgumentException("qat.json has no entry for layer " + q.name());
            }
            if (l.inputMin() != null) {
                q.setActivationRange(l.inputMin(), l.inputMax());
            }
        }
    }
}
