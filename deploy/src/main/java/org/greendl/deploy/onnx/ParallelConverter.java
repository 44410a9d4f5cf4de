package org.greendl.deploy.onnx;

import static org.greendl.deploy.onnx.OnnxGraph.attr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Branches side by side, joined by sum (residuals), product, concatenation along one axis, or an output list
 * (several outputs, e.g. early exits). The join is identified by probing DJL's join function (see {@link Probe}).
 */
final class ParallelConverter implements BlockConverter {
    @Override
    public boolean accepts(Block block) {
        return block.getClass() == ParallelBlock.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
        List<List<String>> outs = new ArrayList<>();
        List<Shape[]> outShapes = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            outs.add(ctx.convertChild(child.getValue(), child.getKey(), inputs, shapes));
            outShapes.add(child.getValue().getOutputShapes(shapes));
        }
        Function<List<NDList>, NDList> join =
                (Function<List<NDList>, NDList>) Reflect.field(block, ParallelBlock.class, "function");
        List<String> flat = outs.stream().flatMap(List::stream).toList();
        OnnxGraph g = ctx.graph();
        try (NDManager m = ctx.manager().newSubManager()) {
            List<NDList> probe = new ArrayList<>();
            List<NDArray> all = new ArrayList<>();
            for (Shape[] s : outShapes) {
                NDList l = new NDList();
                for (Shape shape : s) {
                    NDArray a = m.randomNormal(shape);
                    l.add(a);
                    all.add(a);
                }
                probe.add(l);
            }
            NDList result = join.apply(probe);
            if (result.size() == all.size() && all.size() > 1 && allSame(result, all)) {
                return flat;
            }
            if (result.size() == 1) {
                NDArray r = result.singletonOrThrow();
                if (sameShapes(all) && Probe.close(r, fold(all, NDArray::add))) {
                    return List.of(chain(g, "Add", ctx.path(), flat));
                }
                if (sameShapes(all) && Probe.close(r, fold(all, NDArray::mul))) {
                    return List.of(chain(g, "Mul", ctx.path(), flat));
                }
                int rank = all.get(0).getShape().dimension();
                for (int axis = 1; axis < rank; axis++) {
                    NDArray cat;
                    try {
                        cat = ai.djl.ndarray.NDArrays.concat(new NDList(all), axis);
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (Probe.close(r, cat)) {
                        return List.of(g.node("Concat", ctx.path(), flat, attr("axis", (long) axis)));
                    }
                }
            }
        }
        throw new ExportException("cannot export block ParallelBlock at " + ctx.path()
                + ": its join function is none of sum, product, concatenation or output list");
    }

    private static boolean allSame(NDList result, List<NDArray> all) {
        for (int i = 0; i < all.size(); i++) {
            if (!Probe.close(result.get(i), all.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameShapes(List<NDArray> all) {
        return all.stream().map(NDArray::getShape).distinct().count() == 1;
    }

    private static NDArray fold(List<NDArray> all, java.util.function.BinaryOperator<NDArray> op) {
        NDArray acc = all.get(0);
        for (int i = 1; i < all.size(); i++) {
            acc = op.apply(acc, all.get(i));
        }
        return acc;
    }

    private static String chain(OnnxGraph g, String op, String path, List<String> names) {
        String acc = names.get(0);
        for (int i = 1; i < names.size(); i++) {
            acc = g.node(op, path, List.of(acc, names.get(i)));
        }
        return acc;
    }
}
