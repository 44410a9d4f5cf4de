package org.greendl.deploy.profile;

import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.ProfileTotals;

/**
 * Counts parameters, MACs, FLOPs and activation bytes of an ONNX graph, one row per node, with greendl's
 * counting rules, returning the {@link Profile} the DJL profiler returns: a greendl model and its ONNX export
 * give equal parameters and MACs.
 *
 * <pre>{@code
 * ModelProto m = OnnxModels.load(Path.of("model.onnx"));
 * Profile p = OnnxProfiler.profile(m, Map.of("input", new long[] {1, 1, 28, 28}));
 * System.out.println(ProfileFormat.table(p));
 * }</pre>
 *
 * Shapes come from {@link InputBindings#bind} and greendl's own shape inference; a node whose output shape
 * cannot be inferred is a row of type {@code uncounted} (its parameters still counted) with a warning, never a
 * failure. An initializer read by several nodes, directly or through DequantizeLinear nodes, is counted once, at
 * its first use; each Identity of an initializer counts as a parameter of its own, as PyTorch's exporter writes a
 * parameter equal in value to another (BatchNorm's ones and zeros at initialization) as such a copy. ONNX says nothing about gradients: every parameter is reported trainable.
 */
public final class OnnxProfiler {
    private OnnxProfiler() {}

    /** Profiles at the given input shapes (symbolic dimensions bound as {@link InputBindings#bind} says). */
    public static Profile profile(ModelProto model, Map<String, long[]> inputs) {
        return new Walk(model, InputBindings.bind(model, inputs)).run();
    }

    /** The opset of the default (ai.onnx) domain. */
    static int opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        return 1;
    }

    private static final class Walk {
        final ModelProto model;
        final GraphProto graph;
        final Map<String, long[]> bound;
        final int opset;
        final Map<String, Tensor> tensors = new HashMap<>();
        final Map<String, TensorProto> initializers = new HashMap<>();
        /** A tensor that is an initializer read through Identity or DequantizeLinear, to its initializer. */
        final Map<String, String> aliases = new HashMap<>();
        final Map<String, NodeProto> producers = new HashMap<>();
        final Map<String, Integer> consumers = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        /** Identity outputs of initializers: copies PyTorch made of a parameter equal to an earlier one. */
        final Set<String> copies = new HashSet<>();
        /** Initializers and what nodes compute from them alone: folded at load time, never activations. */
        final Set<String> constants = new HashSet<>();
        final Map<String, Long> bytesByType = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> downstream = new ArrayList<>();
        long bufferBytes;

        Walk(ModelProto model, Map<String, long[]> bound) {
            this.model = model;
            this.graph = model.getGraph();
            this.bound = bound;
            this.opset = opset(model);
        }

        Profile run() {
            for (TensorProto t : graph.getInitializerList()) {
                initializers.put(t.getName(), t);
                constants.add(t.getName());
                tensors.put(t.getName(), Tensor.fromProto(t));
            }
            var declared = InputBindings.inputs(graph);
            for (var v : declared) {
                int type = v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 1;
                tensors.put(v.getName(), Tensor.of(type, bound.get(v.getName())));
            }
            for (NodeProto n : graph.getNodeList()) {
                n.getInputList().forEach(i -> consumers.merge(i, 1, Integer::sum));
            }
            graph.getOutputList().forEach(o -> consumers.merge(o.getName(), 1, Integer::sum));
            List<LayerProfile> rows = new ArrayList<>();
            Set<String> names = new HashSet<>();
            int index = 0;
            for (NodeProto n : graph.getNodeList()) {
                String name = n.getName().isEmpty() || !names.add(n.getName()) ? n.getOpType() + "_" + index : n.getName();
                rows.add(node(n, name));
                n.getOutputList().forEach(o -> producers.put(o, n));
                index++;
            }
            if (!downstream.isEmpty()) {
                warnings.add(downstream.size() + " node(s) after those have no known shape and are not counted: "
                        + String.join(", ", downstream.subList(0, Math.min(5, downstream.size())))
                        + (downstream.size() > 5 ? ", ..." : ""));
            }
            long params = 0, macs = 0, flops = 0, act = 0, wbytes = 0;
            for (LayerProfile l : rows) {
                params += l.params();
                macs += l.macs();
                flops += l.flops();
                act += l.activationBytes();
                wbytes += l.weightBytes();
            }
            ProfileTotals total = new ProfileTotals(params, params, macs, flops, act, wbytes, Map.copyOf(bytesByType),
                    bufferBytes, -1);
            long[] first = bound.isEmpty() ? new long[0] : bound.values().iterator().next();
            String modelName = graph.getName().isEmpty() ? "onnx" : graph.getName();
            return new Profile(modelName, new Shape(first), List.copyOf(rows), total, List.copyOf(warnings));
        }

        private LayerProfile node(NodeProto n, String name) {
            long[] paramCount = countParameters(n);
            List<Tensor> in = new ArrayList<>();
            String missing = null;
            for (String i : n.getInputList()) {
                Tensor t = i.isEmpty() ? null : tensors.get(i);
                if (!i.isEmpty() && t == null && missing == null) {
                    missing = i;
                }
                in.add(t);
            }
            String op = n.getOpType();
            List<Tensor> out;
            OpCosts.Cost cost;
            try {
                if (missing != null) {
                    downstream.add(name);
                    return uncounted(name, paramCount);
                }
                out = ShapeInference.infer(n, in, opset);
                cost = OpCosts.of(n, in, out, isContraction(n));
            } catch (RuntimeException e) {
                // Any failure of the rules on one node (a malformed attribute, an overflow) costs that node its
                // counts, never the profile.
                String why = e instanceof ShapeInference.Unknown ? e.getMessage() : "its shapes or attributes do not"
                        + " fit (" + e.getClass().getSimpleName() + ")";
                warnings.add("cannot infer the output shape of node '" + name + "' (" + op + "): " + why
                        + "; its MACs and FLOPs are not in the totals");
                return uncounted(name, paramCount);
            }
            long act = 0;
            boolean folded = n.getInputList().stream().allMatch(i -> i.isEmpty() || constants.contains(i));
            for (int i = 0; i < n.getOutputCount() && i < out.size(); i++) {
                String o = n.getOutput(i);
                if (o.isEmpty()) {
                    continue;
                }
                Tensor t = out.get(i);
                tensors.put(o, t);
                if (folded || OpCosts.SHAPE_ONLY.contains(op)) {
                    constants.add(o); // computed from weights or shapes only: no activation memory
                } else if (!OpCosts.VIEWS.contains(op) && !OpCosts.SHAPE_ONLY.contains(op)) {
                    act += t.elements() * Tensor.bytes(t.type());
                }
            }
            if (op.equals("Identity") || op.equals("DequantizeLinear")) {
                String root = root(n.getInput(0));
                if (initializers.containsKey(root)) {
                    aliases.put(n.getOutput(0), root);
                    if (op.equals("Identity")) {
                        copies.add(n.getOutput(0));
                    }
                }
            }
            return new LayerProfile(name, op, new Shape(out.get(0).dims()), paramCount[0], paramCount[0], cost.macs(),
                    cost.flops(), act, paramCount[1], -1);
        }

        private LayerProfile uncounted(String name, long[] paramCount) {
            return new LayerProfile(name, LayerProfile.UNCOUNTED, new Shape(), paramCount[0], paramCount[0], 0, 0, 0,
                    paramCount[1], -1);
        }

        /** Parameters first read by this node: {count, bytes}; buffers go to {@code bufferBytes}. */
        private long[] countParameters(NodeProto n) {
            long count = 0, bytes = 0;
            for (int slot = 0; slot < n.getInputCount(); slot++) {
                String input = n.getInput(slot);
                String root = root(input);
                TensorProto init = initializers.get(root);
                // torch.onnx.export writes a parameter equal in value to an earlier one as Identity(earlier): a
                // parameter of its own (a module reused twice reads the one initializer directly instead).
                String key = copies.contains(input) ? input : root;
                if (init == null || seen.contains(key)) {
                    continue;
                }
                Tensor asRead = tensors.getOrDefault(input, tensors.get(root));
                OpCosts.Role role = OpCosts.role(n, slot, asRead, addsToMatMul(n, slot));
                if (role == OpCosts.Role.CONSTANT) {
                    continue;
                }
                seen.add(key);
                Tensor t = tensors.get(root);
                long b = t.elements() * Tensor.bytes(t.type());
                if (role == OpCosts.Role.BUFFER) {
                    bufferBytes += b;
                    continue;
                }
                count += t.elements();
                bytes += b;
                bytesByType.merge(Tensor.typeName(t.type()), b, Long::sum);
            }
            return new long[] {count, bytes};
        }

        private String root(String tensor) {
            return aliases.getOrDefault(tensor, tensor);
        }

        /** Is {@code slot} of this Add the bias of a MatMul with a weight initializer (a linear layer)? */
        private boolean addsToMatMul(NodeProto n, int slot) {
            if (!n.getOpType().equals("Add") || n.getInputCount() != 2) {
                return false;
            }
            NodeProto p = producers.get(n.getInput(1 - slot));
            return p != null && p.getOpType().equals("MatMul")
                    && p.getInputList().stream().anyMatch(i -> initializers.containsKey(root(i)));
        }

        /** A ReduceSum of a product of two activations read by nothing else: a dot product, counted as MACs. */
        private boolean isContraction(NodeProto n) {
            if (!n.getOpType().equals("ReduceSum") || n.getInputCount() == 0) {
                return false;
            }
            NodeProto p = producers.get(n.getInput(0));
            return p != null && p.getOpType().equals("Mul") && consumers.getOrDefault(n.getInput(0), 0) == 1
                    && p.getInputList().stream().noneMatch(i -> initializers.containsKey(root(i)));
        }
    }
}
