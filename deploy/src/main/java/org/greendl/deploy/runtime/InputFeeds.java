package org.greendl.deploy.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generated inputs for any signature, seeded: float inputs standard normal; integer inputs token ids uniform in
 * [0, vocab) when the input indexes an embedding table ({@code Gather} on an initializer, vocab its first
 * dimension), ones for an input named like a mask, zeros otherwise (token type ids, positions).
 */
public final class InputFeeds {
    private InputFeeds() {}

    /** One input's values: floats or longs (int32 inputs are fed from the longs), and its shape. */
    public record Feed(String dtype, long[] shape, float[] floats, long[] longs) {}

    /** How each input will be filled, as one line per input (for the run's output). */
    public static Map<String, String> describe(ModelProto model, InputSignature signature) {
        Map<String, Long> vocab = vocabularies(model);
        Map<String, String> m = new LinkedHashMap<>();
        for (InputSignature.Input in : signature.inputs()) {
            m.put(in.name(), in.dtype().equals("float32") ? "random normal"
                    : isMask(in.name()) ? "ones (mask)"
                    : vocab.containsKey(in.name()) ? "token ids in [0, " + vocab.get(in.name()) + ")"
                    : "zeros");
        }
        return m;
    }

    /**
     * Real inputs instead of generated ones: the first {@code batch} of {@code examples} (taken again from the
     * start when there are fewer), for a model with one float input whose shape past the batch is theirs.
     */
    public static Map<String, Feed> fromExamples(InputSignature signature, LabelledImages examples, int batch,
                                                 String what) {
        if (signature.inputs().size() != 1 || !signature.inputs().get(0).dtype().equals("float32")) {
            throw new IllegalArgumentException("real inputs from " + what + " need a model with one float input; this"
                    + " one takes " + signature.inputs().size() + " (generate them instead: leave out --data)");
        }
        InputSignature.Input in = signature.inputs().get(0);
        long[] shape = in.shape(batch);
        long[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        if (!java.util.Arrays.equals(sample, examples.sampleShape())) {
            throw new IllegalArgumentException(what + " examples are " + java.util.Arrays.toString(examples.sampleShape())
                    + " but input '" + in.name() + "' is " + java.util.Arrays.toString(sample) + " past the batch");
        }
        if (examples.count() == 0) {
            throw new IllegalArgumentException(what + " has no test examples to feed");
        }
        int per = examples.sampleSize();
        float[] x = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            int from = i % examples.count();
            System.arraycopy(examples.images(), from * per, x, i * per, per);
        }
        return Map.of(in.name(), new Feed(in.dtype(), shape, x, null));
    }

    public static Map<String, Feed> generate(ModelProto model, InputSignature signature, int batch, long seed) {
        Map<String, Long> vocab = vocabularies(model);
        Random r = new Random(seed);
        Map<String, Feed> feeds = new LinkedHashMap<>();
        for (InputSignature.Input in : signature.inputs()) {
            long[] shape = in.shape(batch);
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            if (n > OnnxSession.MAX_INPUT_ELEMENTS) {
                throw new IllegalArgumentException("input '" + in.name() + "' at batch " + batch + " holds more than "
                        + OnnxSession.MAX_INPUT_ELEMENTS + " values");
            }
            if (in.dtype().equals("float32")) {
                float[] x = new float[(int) n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                feeds.put(in.name(), new Feed(in.dtype(), shape, x, null));
            } else {
                long[] x = new long[(int) n];
                Long v = vocab.get(in.name());
                for (int i = 0; i < x.length; i++) {
                    x[i] = isMask(in.name()) ? 1 : v != null ? (long) r.nextInt((int) Math.min(v, Integer.MAX_VALUE)) : 0;
                }
                feeds.put(in.name(), new Feed(in.dtype(), shape, null, x));
            }
        }
        return feeds;
    }

    static boolean isMask(String name) {
        return name.toLowerCase(Locale.ROOT).contains("mask");
    }

    /** Graph inputs that index an embedding table, with the table's row count. */
    static Map<String, Long> vocabularies(ModelProto model) {
        Map<String, TensorProto> inits = new HashMap<>();
        model.getGraph().getInitializerList().forEach(t -> inits.put(t.getName(), t));
        // Casts between the input and the Gather (int32 ids cast to int64) are looked through.
        Map<String, String> castOf = new HashMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("Cast") && n.getInputCount() == 1) {
                castOf.put(n.getOutput(0), n.getInput(0));
            }
        }
        Map<String, Long> vocab = new HashMap<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("Gather") && n.getInputCount() == 2 && inits.containsKey(n.getInput(0))
                    && inits.get(n.getInput(0)).getDimsCount() == 2) {
                String idx = n.getInput(1);
                while (castOf.containsKey(idx)) {
                    idx = castOf.get(idx);
                }
                vocab.merge(idx, inits.get(n.getInput(0)).getDims(0), Math::min);
            }
        }
        return vocab;
    }
}
