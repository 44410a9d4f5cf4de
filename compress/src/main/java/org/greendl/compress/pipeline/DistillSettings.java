package org.greendl.compress.pipeline;

import java.nio.file.Path;
import org.greendl.compress.distill.DistillationConfig;

/**
 * How {@link DistillJob} trains a student, as {@code greendl distill} does.
 *
 * @param teacher the teacher's model folder
 * @param student a zoo model name, trained from scratch, or a saved model folder, fine-tuned from its weights
 * @param epochs epochs of distillation, at least 1
 * @param studentOptions the zoo student's model options (e.g. {@code layers=2}); empty for a saved student
 */
public record DistillSettings(Path teacher, String student, DistillationConfig distillation, int epochs,
                              double learningRate, java.util.Map<String, String> studentOptions) {
    public DistillSettings {
        if (teacher == null || student == null || distillation == null) {
            throw new IllegalArgumentException("distillation needs a teacher, a student and its settings");
        }
        studentOptions = studentOptions == null ? java.util.Map.of() : java.util.Map.copyOf(studentOptions);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    /** A student with the zoo's default options. */
    public DistillSettings(Path teacher, String student, DistillationConfig distillation, int epochs,
                           double learningRate) {
        this(teacher, student, distillation, epochs, learningRate, java.util.Map.of());
    }
}
