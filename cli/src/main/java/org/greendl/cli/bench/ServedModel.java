package org.greendl.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.nn.earlyexit.EarlyExitCosts;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.train.ModelStore;
import org.greendl.train.SavedModel;

/**
 * A variant's model ready to serve: a DJL model folder run by the PyTorch engine, or an ONNX file run by
 * ONNX Runtime. {@link #infer} runs {@code n} inputs of the data's sample shape (flat floats) and waits for the
 * logits.
 */
interface ServedModel extends AutoCloseable {
    void infer(float[] images, int n);

    /** "djl-pytorch" or "onnxruntime". */
    String runtime();

    /** The only batch size the model takes (an ONNX file exported for a fixed batch), or 0 for any. */
    default long fixedBatch() {
        return 0;
    }

    /** ONNX Runtime's graph optimization level the model is served at ("basic", "all"); null for DJL. */
    default String graphOptimization() {
        return null;
    }

    /**
     * For a model whose cost depends on the input (early exits): where the images served so far left and the MACs
     * one image cost on average; null for a model that always runs all of its layers.
     */
    default ObjectNode exits() {
        return null;
    }

    @Override
    void close();

    /** {@code sampleShape}: one input's shape without the batch dimension, e.g. {@code (1, 28, 28)}. */
    static ServedModel open(String runtime, Path artifact, int threads, long[] sampleShape) throws IOException {
        return open(runtime, artifact, threads, sampleShape, SessionSettings.Optimization.ALL);
    }

    /** {@code optimization}: the graph optimization of an ONNX model's session (ignored for DJL). */
    static ServedModel open(String runtime, Path artifact, int threads, long[] sampleShape,
            SessionSettings.Optimization optimization) throws IOException {
        return switch (runtime) {
            case "djl-pytorch" -> new Djl(artifact, sampleShape);
            case "onnxruntime" -> new Onnx(artifact, threads, sampleShape, optimization);
            default -> throw new IllegalArgumentException("unknown runtime '" + runtime + "'");
        };
    }

    /** DJL + PyTorch, threads as the engine was configured (the bench sets them once per JVM). */
    final class Djl implements ServedModel {
        private final NDManager manager = NDManager.newBaseManager();
        private final SavedModel model;
        private final long[] sampleShape;

        Djl(Path dir, long[] sampleShape) throws IOException {
            model = ModelStore.load(dir, manager);
            this.sampleShape = sampleShape.clone();
        }

        @Override
        public void infer(float[] images, int n) {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(images, new Shape(batchShape(n, sampleShape)));
                NDArray y = model.block().forward(new ParameterStore(step, false), new NDList(x), false).head();
                y.toFloatArray(); // forces the computation to finish
            }
        }

        @Override
        public String runtime() {
            return "djl-pytorch";
        }

        @Override
        public ObjectNode exits() {
            if (!(model.block() instanceof EarlyExitNet net)) {
                return null;
            }
            long[] counts = net.exitCounts();
            long[] cumulative = EarlyExitCosts.cumulativeMacs(net, new Shape(batchShape(1, sampleShape)));
            long served = java.util.Arrays.stream(counts).sum();
            if (served == 0) {
                return null;
            }
            ObjectNode out = BenchRunner.JSON.createObjectNode();
            var shares = out.putArray("exit_shares");
            double stages = 0;
            for (int i = 0; i < counts.length; i++) {
                shares.add((double) counts[i] / served);
                stages += (i + 1) * (double) counts[i] / served;
            }
            // Exit i follows stage i (for text-transformer: encoder layer i): the stages an input ran on average.
            out.put("average_stages_run", stages);
            out.put("images", served);
            out.put("macs_per_inference", (double) EarlyExitCosts.totalMacs(cumulative, counts) / served);
            out.put("macs_all_exits", cumulative[cumulative.length - 1]);
            return out;
        }

        @Override
        public void close() {
            model.close();
            manager.close();
        }
    }

    /** ONNX Runtime (ALL_OPT unless stated) with a fixed intra-op thread count. */
    final class Onnx implements ServedModel {
        private final OnnxSession session;
        private final long[] sampleShape;
        private final SessionSettings.Optimization optimization;

        Onnx(Path file, int threads, long[] sampleShape, SessionSettings.Optimization optimization) {
            session = OnnxSession.open(file, SessionSettings.threads(threads).withOptimization(optimization));
            this.sampleShape = sampleShape.clone();
            this.optimization = optimization;
        }

        @Override
        public String graphOptimization() {
            return optimization.label();
        }

        @Override
        public long fixedBatch() {
            long b = session.inputShape().length > 0 ? session.inputShape()[0] : 0;
            return Math.max(0, b);
        }

        @Override
        public void infer(float[] images, int n) {
            session.runFirst(images, batchShape(n, sampleShape));
        }

        @Override
        public String runtime() {
            return "onnxruntime";
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** {@code (n, sample...)}. */
    static long[] batchShape(long n, long[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = n;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return dims;
    }
}
