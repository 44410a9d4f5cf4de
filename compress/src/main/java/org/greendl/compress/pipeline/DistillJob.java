package org.greendl.compress.pipeline;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.compress.distill.DistillationBlock;
import org.greendl.compress.distill.DistillationLoss;
import org.greendl.data.spec.DataSplits;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;

/**
 * {@code greendl distill} as a library call: trains a student (a zoo model, or a saved one fine-tuned from its own
 * weights) on a saved teacher's soft targets and the labels, and writes the student with its run.json.
 */
public final class DistillJob {
    private DistillJob() {}

    /** True when {@code student} names a saved model folder rather than a zoo model. */
    public static boolean savedStudent(String student) {
        return Files.isRegularFile(Path.of(student).resolve(ModelStore.ARCHITECTURE));
    }

    public static CompressionResult run(DistillSettings d, CompressionSettings settings) throws Exception {
        boolean saved = savedStudent(d.student());
        try (CompressionJob job = new CompressionJob(settings, "distill"); SavedModel source = job.load(d.teacher());
                SavedModel savedStudent = saved ? job.load(Path.of(d.student())) : null) {
            RunRecord parent = source.record();
            DataSplits data = job.data();
            Block student = saved ? null : ModelResolver.resolve(d.student(), d.studentOptions(),
                    new InputSpec(data.inputShape(), data.classes(), data.vocabulary())).block();
            String studentName = ModelResolver.nameOf(d.student());
            if (!d.studentOptions().isEmpty()) {
                job.extras.put("student_options", new java.util.TreeMap<>(d.studentOptions()).toString());
            }
            if (savedStudent != null) {
                // Fine-tune the saved student from its own weights (e.g. recover a pruned model's accuracy).
                student = savedStudent.block();
                studentName = savedStudent.record().model().name();
                job.extras.put("student_from", d.student());
                job.extras.put("student_test_accuracy_before", savedStudent.record().metrics().testAccuracy());
            } else {
                student.initialize(job.manager, DataType.FLOAT32, job.batchInput());
            }
            DistillationBlock.checkCompatible(student, source.block(), job.batchInput());
            DistillationBlock block = new DistillationBlock(student, source.block(), d.distillation().hints());
            job.extras.put("teacher", d.teacher().toString());
            job.extras.put("teacher_test_accuracy", parent.metrics().testAccuracy());
            job.extras.put("teacher_params", parent.model().params());
            job.extras.put("temperature", d.distillation().temperature());
            job.extras.put("alpha", d.distillation().alpha());
            job.extras.put("hints", d.distillation().hints().toString());
            RunRecord trained = job.fineTune(block, studentName, parent.id(), d.epochs(), d.learningRate(),
                    new DistillationLoss(d.distillation()), List.of());
            return new CompressionResult(job.save(student, trained, studentName), settings.out());
        }
    }
}
