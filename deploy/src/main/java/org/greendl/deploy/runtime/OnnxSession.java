package org.greendl.deploy.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * One ONNX Runtime session on a float model with one input: ALL_OPT unless the settings say otherwise, sequential
 * execution, fixed threads.
 * Errors come back as one-line {@link IllegalArgumentException}s naming the model: one that does not load, and one
 * that loads but cannot run (an input it rejects, an output that is not a float tensor).
 */
public final class OnnxSession implements AutoCloseable {
    private static final String IN_MEMORY = "in-memory model";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final List<String> outputNames;
    private final long[] inputShape;
    private final String where;
    private final boolean tokenInputs;

    private OnnxSession(OrtEnvironment env, OrtSession session, String where) throws OrtException {
        this.env = env;
        this.session = session;
        this.where = where;
        if (session.getInputNames().isEmpty() || session.getOutputNames().isEmpty()) {
            throw new IllegalArgumentException(where + " has no graph input or no graph output");
        }
        this.inputName = session.getInputNames().iterator().next();
        this.outputNames = new ArrayList<>(session.getOutputNames());
        if (!(session.getInputInfo().get(inputName).getInfo() instanceof TensorInfo info)) {
            throw new IllegalArgumentException(where + ": input " + inputName + " is not a tensor");
        }
        this.inputShape = info.getShape();
        this.tokenInputs = List.copyOf(session.getInputNames()).equals(List.of(TOKEN_IDS, ATTENTION_MASK));
    }

    private static final String TOKEN_IDS = org.greendl.deploy.onnx.OnnxExporter.TOKEN_IDS;
    private static final String ATTENTION_MASK = org.greendl.deploy.onnx.OnnxExporter.ATTENTION_MASK;

    /**
     * Float token ids (the example arrays of a text loader, exact integers; 0 is padding) as a text model's int64
     * {@code input_ids} and {@code attention_mask} (1 where the id is not 0).
     */
    static Map<String, InputFeeds.Feed> tokenFeeds(float[] ids, long[] shape) {
        long[] tokens = new long[ids.length];
        long[] mask = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = (long) ids[i];
            mask[i] = tokens[i] == 0 ? 0 : 1;
        }
        Map<String, InputFeeds.Feed> feeds = new LinkedHashMap<>();
        feeds.put(TOKEN_IDS, new InputFeeds.Feed("int64", shape, null, tokens));
        feeds.put(ATTENTION_MASK, new InputFeeds.Feed("int64", shape, null, mask));
        return feeds;
    }

    /** Opens a model file (checked to be ONNX first, so a bad file gives a clear message). */
    public static OnnxSession open(Path model, SessionSettings settings) {
        OnnxModels.load(model);
        return open(model.toString(), null, settings);
    }

    /** Opens a model held in memory (serialized ModelProto). */
    public static OnnxSession open(byte[] model, SessionSettings settings) {
        return open(null, model, settings);
    }

    /**
     * Opens a calibration model (every intermediate tensor exposed as an output) with basic optimizations only,
     * with ORT's default threads.
     */
    public static OnnxSession openForCalibration(byte[] model) {
        return open(null, model, SessionSettings.threads(0).withOptimization(SessionSettings.Optimization.BASIC));
    }

    private static OnnxSession open(String path, byte[] bytes, SessionSettings settings) {
        return open(path, bytes, settings, switch (settings.optimization()) {
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
    }

    private static OnnxSession open(String path, byte[] bytes, SessionSettings settings,
                                    OrtSession.SessionOptions.OptLevel level) {
        OrtEnvironment env = OrtNatives.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            options.setSessionLogLevel(OrtNatives.LOG_LEVEL);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (settings.interOpThreads() > 0) {
                options.setInterOpNumThreads(settings.interOpThreads());
            }
            if (settings.profilePrefix() != null) {
                options.enableProfiling(settings.profilePrefix().toString());
            }
            if (settings.optimizedModelPath() != null) {
                options.setOptimizedModelFilePath(settings.optimizedModelPath().toString());
            }
            OrtSession s = path != null ? env.createSession(path, options) : env.createSession(bytes, options);
            try {
                return new OnnxSession(env, s, path != null ? path : IN_MEMORY);
            } catch (RuntimeException | OrtException e) {
                s.close();
                throw e;
            }
        } catch (OrtException e) {
            String where = path != null ? path : IN_MEMORY;
            throw new IllegalArgumentException("ONNX Runtime cannot load " + where + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /**
     * {@code e} with the file named where it says "in-memory model" (a graph loaded from {@code file}, changed and
     * run from memory), else {@code e} itself.
     */
    public static IllegalArgumentException naming(IllegalArgumentException e, Path file) {
        String m = String.valueOf(e.getMessage());
        return m.contains(IN_MEMORY) ? new IllegalArgumentException(m.replace(IN_MEMORY, file.toString()), e) : e;
    }

    /** The model file's path, or "in-memory model": what messages about this model name. */
    public String source() {
        return where;
    }

    /**
     * The element count of one input of {@code shape}; a model whose declared input is too large to hold in memory
     * is refused with one line naming it (an int-overflowing array would fail with a stack trace instead).
     */
    public int elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(where + ": input shape " + java.util.Arrays.toString(shape)
                        + " has symbolic or empty dimensions besides the batch");
            }
            n = d > MAX_INPUT_ELEMENTS / n ? MAX_INPUT_ELEMENTS + 1 : n * d;
        }
        if (n > MAX_INPUT_ELEMENTS) {
            throw new IllegalArgumentException(where + ": input shape " + java.util.Arrays.toString(shape)
                    + " holds more than " + MAX_INPUT_ELEMENTS + " floats");
        }
        return (int) n;
    }

    /** 256 Mi floats (1 GiB): far above any image batch greendl serves. */
    public static final long MAX_INPUT_ELEMENTS = 1L << 28;

    /** The model's input shape, -1 for symbolic dimensions (the batch). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    public List<String> outputNames() {
        return List.copyOf(outputNames);
    }

    /**
     * Runs one batch; returns every output, by name, as flat float arrays. A text model's session takes float token
     * ids here and feeds them as {@code input_ids} with their {@code attention_mask} ({@link #tokenFeeds}).
     */
    public Map<String, float[]> run(float[] data, long... shape) {
        if (tokenInputs) {
            return run(tokenFeeds(data, shape));
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer fb = e.getValue() instanceof OnnxTensor t ? t.getFloatBuffer() : null;
                if (fb == null) {
                    throw new IllegalArgumentException(where + ": output " + e.getKey() + " is not a float tensor");
                }
                float[] values = new float[fb.remaining()];
                fb.get(values);
                out.put(e.getKey(), values);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalArgumentException(inferenceFailed(e), e);
        }
    }

    /**
     * Runs one batch of any signature ({@link InputFeeds}); returns the float outputs, by name (outputs of other
     * types are left out).
     */
    public Map<String, float[]> run(Map<String, InputFeeds.Feed> feeds) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, InputFeeds.Feed> e : feeds.entrySet()) {
                InputFeeds.Feed f = e.getValue();
                tensors.put(e.getKey(), switch (f.dtype()) {
                    case "float32" -> OnnxTensor.createTensor(env, FloatBuffer.wrap(f.floats()), f.shape());
                    case "int64" -> OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(f.longs()), f.shape());
                    case "int32" -> OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(
                            java.util.Arrays.stream(f.longs()).mapToInt(Math::toIntExact).toArray()), f.shape());
                    default -> throw new IllegalArgumentException(where + ": cannot feed " + f.dtype() + " input "
                            + e.getKey());
                });
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, float[]> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (e.getValue() instanceof OnnxTensor t
                            && t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                        FloatBuffer fb = t.getFloatBuffer();
                        float[] values = new float[fb.remaining()];
                        fb.get(values);
                        out.put(e.getKey(), values);
                    }
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException(inferenceFailed(e), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** The model's input names, in order. */
    public List<String> inputNames() {
        try {
            return List.copyOf(session.getInputNames());
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + ": " + e.getMessage(), e);
        }
    }

    /** Runs one batch; returns the shape of every output, by name. */
    public Map<String, long[]> outputShapes(float[] data, long... shape) {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Map<String, long[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                if (!(e.getValue() instanceof OnnxTensor t)) {
                    throw new IllegalArgumentException(where + ": output " + e.getKey() + " is not a tensor");
                }
                out.put(e.getKey(), t.getInfo().getShape());
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalArgumentException(inferenceFailed(e), e);
        }
    }

    /** The model cannot run on an input of its own declared shape: the model file is at fault, so it is named. */
    private String inferenceFailed(OrtException e) {
        return "ONNX Runtime cannot run " + where + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** Runs one batch and returns the first output (the logits). */
    public float[] runFirst(float[] data, long... shape) {
        return run(data, shape).get(outputNames.get(0));
    }

    /** Stops ORT's profiler (opened with {@link SessionSettings#withProfiling}); returns the trace file it wrote. */
    public Path endProfiling() {
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new IllegalStateException("cannot end ONNX Runtime profiling: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
