package org.greendl.compress.pipeline;

import java.nio.file.Path;
import org.greendl.compress.distill.DistillationConfig;

/**
 * How {@link DistillJob} trains a student, as {@code greendl distill} does.
 *
 * @param teacher the teacher's model folder
 * @param student a zoo model name, trained from scratch, or a saved model folder, fine-tuned from its weights
 * @param epochs epochs of distillation, at least 1
 */
public record DistillSettings(Path teacher, String student, DistillationConfig distillation, int epochs,
                              double learningRate) {
    public DistillSettings {
        if (teacher == null || student == null || distillation == null) {
            throw new IllegalArgumentException("distillation needs a teacher, a student and its settings");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }
}
