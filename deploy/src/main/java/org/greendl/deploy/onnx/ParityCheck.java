package org.greendl.deploy.onnx;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.ModelProto;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;

/** Compares an exported model with the DJL block it came from on the same inputs (first output, inference mode). */
public final class ParityCheck {
    private ParityCheck() {}

    /** Max |DJL - ONNX Runtime| and how many values were compared. */
    public record Result(double maxAbsDiff, long values, int samples) {}

    /**
     * @param images {@code count} samples of {@code sampleShape}, flat
     */
    public static Result compare(Block block, ModelProto model, float[] images, long[] sampleShape, int count,
                                 int batch) {
        double max = 0;
        long values = 0;
        int per = images.length / count;
        try (NDManager manager = NDManager.newBaseManager();
             OnnxSession session = OnnxSession.open(model.toByteArray(), SessionSettings.threads(0))) {
            for (int from = 0; from < count; from += batch) {
                int n = Math.min(batch, count - from);
                float[] x = java.util.Arrays.copyOfRange(images, from * per, (from + n) * per);
                long[] shape = new long[sampleShape.length + 1];
                shape[0] = n;
                System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
                float[] ort = session.runFirst(x, shape);
                float[] djl;
                try (NDManager step = manager.newSubManager()) {
                    NDList out = block.forward(new ParameterStore(step, false),
                            new NDList(step.create(x, new Shape(shape))), false);
                    djl = out.get(0).toFloatArray();
                }
                if (djl.length != ort.length) {
                    throw new IllegalStateException("DJL gave " + djl.length + " values, ONNX Runtime " + ort.length);
                }
                for (int i = 0; i < djl.length; i++) {
                    max = Math.max(max, Math.abs(djl[i] - ort[i]));
                }
                values += djl.length;
            }
        }
        return new Result(max, values, count);
    }
}
