package org.greendl.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Walks a block tree with the counting rules, attributing each parameter to the first row that uses it. */
final class Walker implements CountContext {
    private final ProfileOptions options;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Set<String> seenParams = new HashSet<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> bytesByType = new TreeMap<>();
    private long bufferBytes;

    Walker(ProfileOptions options) {
        this.options = options;
    }

    Profile run(Block block, Shape input) {
        return run(block, new Shape[] {input});
    }

    Profile run(Block block, Shape[] in) {
        Shape input = in[0];
        visitFrame("", block, in);
        List<LayerProfile> layers = new ArrayList<>();
        long params = 0, trainable = 0, macs = 0, flops = 0, act = 0, wbytes = 0, eff = 0;
        for (Row r : rows) {
            LayerProfile lp = r.toProfile(options.sparsity());
            layers.add(lp);
            params += lp.params();
            trainable += lp.trainableParams();
            macs += lp.macs();
            flops += lp.flops();
            act += lp.activationBytes();
            wbytes += lp.weightBytes();
            eff += options.sparsity() ? lp.effectiveMacs() : 0;
        }
        ProfileTotals total = new ProfileTotals(params, trainable, macs, flops, act, wbytes, Map.copyOf(bytesByType),
                bufferBytes, options.sparsity() ? eff : -1);
        return new Profile(block.getClass().getSimpleName(), input, List.copyOf(layers), total,
                List.copyOf(warnings));
    }

    @Override
    public Shape[] visit(String name, Block child, Shape[] inputs) {
        Frame parent = stack.peek();
        if (parent != null) {
            parent.visitedChild = true;
        }
        String path = parent == null || parent.path.isEmpty() ? name : parent.path + "/" + name;
        return visitFrame(path, child, inputs);
    }

    private Shape[] visitFrame(String path, Block block, Shape[] inputs) {
        Frame frame = new Frame(path, block);
        stack.push(frame);
        Shape[] outputs;
        try {
            var counter = LayerCounters.find(block);
            if (counter.isPresent()) {
                outputs = counter.get().count(block, inputs, this);
            } else {
                outputs = block.getOutputShapes(inputs);
                String type = block.getClass().getName()
                        + (block instanceof ai.djl.nn.LambdaBlock l ? " '" + l.getName() + "'" : "");
                warnings.add("no counting rule for " + type + " at '" + label(path)
                        + "': its MACs and FLOPs are not in the totals");
                frame.rows.add(new Row(label(path), LayerProfile.UNCOUNTED, outputs[0], 0, 0));
                rows.add(frame.rows.get(frame.rows.size() - 1));
            }
        } finally {
            stack.pop();
        }
        attributeParameters(frame);
        return outputs;
    }

    private void attributeParameters(Frame frame) {
        // A rule that visited no child counted the whole subtree; a container only its direct parameters.
        Iterable<Parameter> owned = (frame.visitedChild ? frame.block.getDirectParameters()
                : frame.block.getParameters()).values();
        long count = 0, trainable = 0, bytes = 0, weights = 0, nonZero = 0;
        for (Parameter p : owned) {
            NDArray a = p.getArray();
            boolean buffer = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
            if (options.sparsity() && p.getType() == Parameter.Type.WEIGHT) {
                weights += a.size();
                nonZero += a.countNonzero().getLong();
            }
            if (!seenParams.add(p.getId())) {
                continue; // shared (for example ALBERT-style layers): counted where first used
            }
            long b = a.size() * a.getDataType().getNumOfBytes();
            if (buffer) {
                bufferBytes += b;
                continue;
            }
            count += a.size();
            trainable += p.requiresGradient() ? a.size() : 0;
            bytes += b;
            bytesByType.merge(a.getDataType().toString().toLowerCase(Locale.ROOT), b, Long::sum);
        }
        double density = weights == 0 ? 1.0 : (double) nonZero / weights;
        for (Row r : frame.rows) {
            r.density = density;
        }
        if (count == 0) {
            return;
        }
        if (frame.rows.isEmpty()) {
            Row r = new Row(label(frame.path), "parameters", new Shape(), 0, 0);
            r.density = density;
            frame.rows.add(r);
            rows.add(r);
        }
        Row first = frame.rows.get(0);
        first.params = count;
        first.trainable = trainable;
        first.weightBytes = bytes;
    }

    @Override
    public void record(String type, long macs, long flops, Shape output) {
        Frame f = stack.peek();
        Row r = new Row(label(f.path), type, output, macs, flops);
        f.rows.add(r);
        rows.add(r);
    }

    @Override
    public void recordPart(String part, String type, long macs, long flops, Shape output) {
        Frame f = stack.peek();
        Row r = new Row(label(f.path.isEmpty() ? part : f.path + "/" + part), type, output, macs, flops);
        f.rows.add(r);
        rows.add(r);
    }

    /** Rows whose output is the input itself or a view of it: no new activation memory. */
    private static final Set<String> VIEWS = Set.of("identity", "flatten", "dropout");

    private static String label(String path) {
        return path.isEmpty() ? "(model)" : path;
    }

    private final class Row {
        final String name;
        final String type;
        final Shape output;
        final long macs;
        final long flops;
        long params;
        long trainable;
        long weightBytes;
        double density = 1.0;

        Row(String name, String type, Shape output, long macs, long flops) {
            this.name = name;
            this.type = type;
            this.output = output;
            this.macs = macs;
            this.flops = flops;
        }

        LayerProfile toProfile(boolean sparsity) {
            long act = output.dimension() == 0 || VIEWS.contains(type) ? 0
                    : Shapes.elements(output) * options.dataType().getNumOfBytes();
            long eff = sparsity ? Math.round(macs * density) : -1;
            return new LayerProfile(name, type, output, params, trainable, macs, flops, act, weightBytes, eff);
        }
    }

    private static final class Frame {
        final String path;
        final Block block;
        final List<Row> rows = new ArrayList<>();
        boolean visitedChild;

        Frame(String path, Block block) {
            this.path = path;
            this.block = block;
        }
    }
}
