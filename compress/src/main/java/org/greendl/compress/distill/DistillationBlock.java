package org.greendl.compress.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Trains a student against a frozen teacher. In training mode it returns (student logits, teacher logits, then
 * for each hint the regressed student feature and the teacher feature); in inference mode only the student's
 * logits, so evaluating this block evaluates the student. The teacher runs in inference mode (BatchNorm uses
 * its running statistics) and receives no gradient; hint regressors (1x1 convolution or Linear, only when the
 * widths differ) are trained with the student and dropped after distillation.
 */
public final class DistillationBlock extends AbstractBlock {
    private final Block student;
    private final Block teacher;
    private final List<Hint> hints;
    private final List<Block> regressors = new ArrayList<>();

    public DistillationBlock(Block student, Block teacher, List<Hint> hints) {
        this.student = addChildBlock("student", student);
        this.teacher = addChildBlock("teacher", teacher);
        this.hints = List.copyOf(hints);
        teacher.freezeParameters(true);
        for (Hint h : this.hints) {
            checkLayer(student, h.studentLayer(), "student");
            checkLayer(teacher, h.teacherLayer(), "teacher");
        }
    }

    public Block student() {
        return student;
    }

    /**
     * Fails with one line when the teacher and student disagree on the output shape for this input.
     * Both blocks must be initialized.
     */
    public static void checkCompatible(Block student, Block teacher, Shape input) {
        Shape s = student.getOutputShapes(new Shape[] {input})[0];
        Shape t = teacher.getOutputShapes(new Shape[] {input})[0];
        if (!s.equals(t)) {
            throw new IllegalArgumentException("teacher outputs " + t + " but student outputs " + s
                    + " for input " + input + "; they must have the same output size");
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training) {
            return student.forward(ps, inputs, false, params);
        }
        List<NDArray> studentFeatures = new ArrayList<>();
        NDList s = run(student, ps, inputs, true, hints.stream().map(Hint::studentLayer).toList(), studentFeatures);
        List<NDArray> teacherFeatures = new ArrayList<>();
        NDList t = run(teacher, ps, inputs, false, hints.stream().map(Hint::teacherLayer).toList(), teacherFeatures);
        NDList out = new NDList(s.head(), t.head().stopGradient());
        for (int i = 0; i < hints.size(); i++) {
            NDArray sf = studentFeatures.get(i);
            Block reg = regressors.get(i);
            if (reg != null) {
                sf = reg.forward(ps, new NDList(sf), true).head();
            }
            out.add(sf);
            out.add(teacherFeatures.get(i).stopGradient());
        }
        return out;
    }

    /** Runs a sequential block child by child, collecting the outputs after the named children. */
    private static NDList run(Block block, ParameterStore ps, NDList inputs, boolean training, List<String> taps,
            List<NDArray> tapped) {
        if (taps.isEmpty()) {
            return block.forward(ps, inputs, training);
        }
        NDArray[] found = new NDArray[taps.size()];
        NDList x = inputs;
        for (Pair<String, Block> child : block.getChildren()) {
            x = child.getValue().forward(ps, x, training);
            for (int i = 0; i < taps.size(); i++) {
                if (taps.get(i).equals(child.getKey())) {
                    found[i] = x.head();
                }
            }
        }
        tapped.addAll(Arrays.asList(found));
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return student.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        student.initialize(manager, dataType, inputShapes);
        teacher.initialize(manager, dataType, inputShapes);
        checkCompatible(student, teacher, inputShapes[0]);
        if (!regressors.isEmpty()) {
            return;
        }
        for (Hint h : hints) {
            Shape sf = featureShape(student, h.studentLayer(), inputShapes[0]);
            Shape tf = featureShape(teacher, h.teacherLayer(), inputShapes[0]);
            if (sf.dimension() != tf.dimension()
                    || (sf.dimension() == 4 && (sf.get(2) != tf.get(2) || sf.get(3) != tf.get(3)))) {
                throw new IllegalArgumentException("hint " + h.studentLayer() + ":" + h.teacherLayer()
                        + " joins features of shapes " + sf + " and " + tf + "; their spatial sizes must match");
            }
            Block reg = null;
            if (sf.get(1) != tf.get(1)) {
                reg = sf.dimension() == 4
                        ? Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters((int) tf.get(1)).build()
                        : Linear.builder().setUnits(tf.get(1)).build();
                addChildBlock("hint" + regressors.size(), reg);
                reg.initialize(manager, dataType, sf);
            }
            regressors.add(reg);
        }
    }

    private static Shape featureShape(Block block, String layer, Shape input) {
        Shape shape = input;
        for (Pair<String, Block> child : block.getChildren()) {
            shape = child.getValue().getOutputShapes(new Shape[] {shape})[0];
            if (child.getKey().equals(layer)) {
                return shape;
            }
        }
        throw new IllegalStateException("layer " + layer + " not found");
    }

    private static void checkLayer(Block block, String layer, String role) {
        if (!(block instanceof SequentialBlock)) {
            throw new IllegalArgumentException("feature hints need a SequentialBlock " + role + ", got "
                    + block.getClass().getSimpleName());
        }
        List<String> names = block.getChildren().keys();
        if (!names.contains(layer)) {
            throw new IllegalArgumentException("the " + role + " has no top-level layer named '" + layer
                    + "'; it has: " + names.stream().collect(Collectors.joining(", ")));
        }
    }
}
