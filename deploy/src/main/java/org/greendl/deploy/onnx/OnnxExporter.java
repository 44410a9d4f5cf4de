package org.greendl.deploy.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.text.TokenEmbedding;
import java.util.List;
import java.util.Map;

/**
 * Exports a DJL {@link Block} (in inference mode: dropout removed, batch norm with running statistics) to an
 * ONNX model with opset {@value #OPSET} and a symbolic batch dimension {@code N}.
 *
 * <pre>{@code
 * ModelProto m = OnnxExporter.create().export(block, new Shape(1, 1, 28, 28), ExportOptions.named("cnn"));
 * OnnxModels.save(m, Path.of("cnn.onnx"));
 * }</pre>
 */
public final class OnnxExporter {
    public static final int OPSET = 17;
    /** IR version 8 is what opset 17 came with; onnx 1.12's checker accepts it. */
    public static final long IR_VERSION = 8;
    public static final String INPUT_NAME = "input";
    /** Token ids of a text model, int64 (N, L). */
    public static final String TOKEN_IDS = "input_ids";
    /** Its attention mask, int64 (N, L): 1 for a token, 0 for padding. */
    public static final String ATTENTION_MASK = "attention_mask";

    private final ConverterRegistry registry;

    private OnnxExporter(ConverterRegistry registry) {
        this.registry = registry;
    }

    public static OnnxExporter create() {
        return new OnnxExporter(ConverterRegistry.defaults());
    }

    public static OnnxExporter with(ConverterRegistry registry) {
        return new OnnxExporter(registry);
    }

    /**
     * @param inputShape one example input shape, batch first (its batch size is replaced by {@code N})
     */
    public ModelProto export(Block block, Shape inputShape, ExportOptions options) {
        return export(block, new Shape[] {inputShape}, List.of(valueInfo(INPUT_NAME, inputShape)), options);
    }

    /**
     * A text model (its first block takes token ids and a mask, like greendl-nn's {@code TokenEmbedding}) with the
     * usual transformer signature: {@value #TOKEN_IDS} and {@value #ATTENTION_MASK}, both int64 (N, L), with the
     * batch N and the sequence length L symbolic. {@code length} is the length the model is built for; shorter
     * sequences run too, longer ones fail in the position embedding's slice.
     */
    public ModelProto exportTokens(Block block, long length, ExportOptions options) {
        Shape tokens = new Shape(1, length);
        return export(block, new Shape[] {tokens, tokens},
                List.of(tokenInput(TOKEN_IDS), tokenInput(ATTENTION_MASK)), options);
    }

    /**
     * {@link #exportTokens} for a model whose first block takes token ids ({@link #takesTokens}), with the
     * length of {@code inputShape} (N, L); else {@link #export(Block, Shape, ExportOptions)}.
     */
    public ModelProto exportAny(Block block, Shape inputShape, ExportOptions options) {
        return takesTokens(block) ? exportTokens(block, inputShape.get(1), options)
                : export(block, inputShape, options);
    }

    /** Whether the first block data meets is a {@link TokenEmbedding} (through sequences and early-exit stages). */
    public static boolean takesTokens(Block block) {
        Block b = block;
        while (true) {
            if (b instanceof TokenEmbedding) {
                return true;
            }
            if (b instanceof ai.djl.nn.SequentialBlock || b instanceof EarlyExitNet) {
                if (b.getChildren().isEmpty()) {
                    return false;
                }
                b = b.getChildren().values().get(0);
            } else {
                return false;
            }
        }
    }

    private ModelProto export(Block block, Shape[] in, List<ValueInfoProto> inputs, ExportOptions options) {
        OnnxGraph graph = new OnnxGraph();
        List<String> inputNames = new ArrayList<>();
        for (ValueInfoProto v : inputs) {
            inputNames.add(graph.fresh(v.getName()));
        }
        List<String> outputs;
        Shape[] outShapes;
        try (NDManager manager = NDManager.newBaseManager()) {
            Context root = new Context(graph, manager, options.graphName());
            outputs = root.convert(block, options.graphName(), inputNames, in);
            outShapes = block.getOutputShapes(in);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(options.graphName())
                .addAllNode(graph.nodes()).addAllInitializer(graph.initializers())
                .addAllInput(inputs);
        List<String> names = outputNames(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            String produced = outputs.get(i);
            String name = names.get(i);
            // Graph outputs get stable names; an Identity renames the producing tensor (also covers input == output).
            g.addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Identity")
                    .setName(graph.fresh("output/" + name)).addInput(produced).addOutput(name).build());
            // Blocks with extra ONNX outputs (early exits) declare only their main one to DJL: those get the
            // main output's rank with symbolic sizes (the checker wants a shape; ORT infers the sizes).
            g.addOutput(outputs.size() == outShapes.length ? valueInfo(name, outShapes[i])
                    : symbolic(name, outShapes[0].dimension()));
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("greendl").setProducerVersion(version())
                .setDomain("org.greendl").setModelVersion(1)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        for (Map.Entry<String, String> e : options.metadata().entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }

    /** {@code logits} for a single output; {@code output_0..k} when the block has several (e.g. early exits). */
    static List<String> outputNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(count == 1 ? "logits" : "output_" + i);
        }
        return names;
    }

    static ValueInfoProto valueInfo(String name, Shape shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int i = 0; i < shape.dimension(); i++) {
            s.addDim(i == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(shape.get(i)));
        }
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(t).build();
    }

    /** int64 (N, L) with both dimensions symbolic. */
    static ValueInfoProto tokenInput(String name) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("L"));
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.INT64.getNumber()).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(t).build();
    }

    static ValueInfoProto symbolic(String name, int rank) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "N" : name + "_d" + i));
        }
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(t).build();
    }

    private static String version() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private final class Context implements ConversionContext {
        private final OnnxGraph graph;
        private final NDManager manager;
        private final String path;

        Context(OnnxGraph graph, NDManager manager, String path) {
            this.graph = graph;
            this.manager = manager;
            this.path = path;
        }

        List<String> convert(Block block, String childPath, List<String> inputs, Shape[] inputShapes) {
            Context child = new Context(graph, manager, childPath);
            BlockConverter converter = registry.find(block).orElseThrow(() -> new ExportException(
                    "cannot export block " + describe(block) + " at " + childPath
                            + ": no ONNX converter for it (add a BlockConverter to the registry)"));
            try {
                return converter.convert(block, child, inputs, inputShapes);
            } catch (ExportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ExportException("cannot export block " + describe(block) + " at " + childPath + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public OnnxGraph graph() {
            return graph;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public List<String> convertChild(Block child, String childName, List<String> inputs, Shape[] shapes) {
            return convert(child, path + "/" + childName, inputs, shapes);
        }

        @Override
        public float[] parameter(Block block, String name) {
            Parameter p = block.getDirectParameters().get(name);
            if (p == null || !p.isInitialized()) {
                throw new ExportException("cannot export block " + describe(block) + " at " + path
                        + ": parameter '" + name + "' is missing or not initialized");
            }
            NDArray a = p.getArray();
            return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }

        @Override
        public Shape parameterShape(Block block, String name) {
            Parameter p = block.getDirectParameters().get(name);
            return p == null || !p.isInitialized() ? null : p.getArray().getShape();
        }

        @Override
        public NDManager manager() {
            return manager;
        }
    }

    /** A block's type, plus its name for lambda blocks (whose class says nothing). */
    public static String describe(Block block) {
        if (block instanceof ai.djl.nn.LambdaBlock l) {
            return "LambdaBlock '" + l.getName() + "'";
        }
        return block.getClass().getSimpleName();
    }
}
