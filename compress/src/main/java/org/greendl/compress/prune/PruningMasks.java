package org.greendl.compress.prune;

import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.WeightLayer;
import org.greendl.record.AtomicFiles;

/**
 * Which weights survive pruning, per layer (a set bit = kept). Immutable. Saved beside a model as
 * {@code masks.bin} so that fine-tuning after a reload keeps the zeros where they are.
 */
public final class PruningMasks {
    /** File name of the masks inside a model folder. */
    public static final String FILE = "masks.bin";
    private static final int MAGIC = 0x47444d4b; // "GDMK"

    private final Map<String, BitSet> kept;
    private final Map<String, Integer> sizes;

    public PruningMasks(Map<String, BitSet> kept, Map<String, Integer> sizes) {
        this.kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
        this.sizes = Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    }

    /** Masks read off a model's zeros: every exactly-zero weight of a Conv/Linear counts as pruned. */
    public static PruningMasks fromZeros(Block model) {
        Map<String, BitSet> kept = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (WeightLayer l : Layers.weightLayers(model)) {
            float[] w = Params.values(l.weight());
            BitSet bits = new BitSet(w.length);
            for (int i = 0; i < w.length; i++) {
                if (w[i] != 0f) {
                    bits.set(i);
                }
            }
            kept.put(l.name(), bits);
            sizes.put(l.name(), w.length);
        }
        return new PruningMasks(kept, sizes);
    }

    public Map<String, BitSet> kept() {
        return kept;
    }

    public int size(String layer) {
        return sizes.get(layer);
    }

    /** The keep mask of one layer as 0/1 floats. */
    public float[] maskValues(String layer) {
        int n = sizes.get(layer);
        BitSet bits = kept.get(layer);
        float[] m = new float[n];
        for (int i = bits.nextSetBit(0); i >= 0 && i < n; i = bits.nextSetBit(i + 1)) {
            m[i] = 1f;
        }
        return m;
    }

    /** Fraction of masked weights over all masked layers. */
    public double sparsity() {
        long total = 0;
        long alive = 0;
        for (Map.Entry<String, BitSet> e : kept.entrySet()) {
            total += sizes.get(e.getKey());
            alive += e.getValue().cardinality();
        }
        return total == 0 ? 0 : 1.0 - (double) alive / total;
    }

    public double sparsity(String layer) {
        return 1.0 - (double) kept.get(layer).cardinality() / sizes.get(layer);
    }

    /** Zeroes the pruned weights of {@code model} in place (host-side; call outside a gradient collector). */
    public void apply(Block model) {
        for (Map.Entry<String, BitSet> e : kept.entrySet()) {
            WeightLayer l = Layers.find(model, e.getKey());
            float[] w = Params.values(l.weight());
            if (w.length != sizes.get(e.getKey())) {
                throw new IllegalArgumentException("mask of layer " + e.getKey() + " has " + sizes.get(e.getKey())
                        + " entries but the layer has " + w.length + " weights");
            }
            BitSet bits = e.getValue();
            for (int i = bits.nextClearBit(0); i < w.length; i = bits.nextClearBit(i + 1)) {
                w[i] = 0f;
            }
            Params.set(l.weight(), w);
        }
    }

    /** Writes the masks atomically (temp file + move). */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(kept.size());
            for (Map.Entry<String, BitSet> e : kept.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(sizes.get(e.getKey()));
                long[] words = e.getValue().toLongArray();
                out.writeInt(words.length);
                for (long w : words) {
                    out.writeLong(w);
                }
            }
        }
        // Creates the model folder too: it may not exist yet (pruning without fine-tuning).
        AtomicFiles.write(file, bytes.toByteArray());
    }

    public static PruningMasks read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a greendl mask file: " + file);
            }
            int layers = in.readInt();
            Map<String, BitSet> kept = new LinkedHashMap<>();
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (int i = 0; i < layers; i++) {
                String name = in.readUTF();
                int size = in.readInt();
                long[] words = new long[in.readInt()];
                for (int j = 0; j < words.length; j++) {
                    words[j] = in.readLong();
                }
                kept.put(name, BitSet.valueOf(words));
                sizes.put(name, size);
            }
            return new PruningMasks(kept, sizes);
        }
    }
}
