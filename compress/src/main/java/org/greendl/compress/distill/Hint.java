package org.greendl.compress.distill;

/**
 * A feature-distillation pair (FitNets, Romero et al., 2015): the student's activation after its top-level
 * child {@code studentLayer} is regressed onto the teacher's activation after {@code teacherLayer}. Names are
 * the top-level child names of the SequentialBlocks, for example {@code 06LambdaBlock}.
 */
public record Hint(String studentLayer, String teacherLayer) {
    public Hint {
        if (studentLayer == null || teacherLayer == null || studentLayer.isBlank() || teacherLayer.isBlank()) {
            throw new IllegalArgumentException("a hint needs a student layer and a teacher layer");
        }
    }

    /** Parses "studentLayer:teacherLayer". */
    public static Hint parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("hint must look like STUDENT_LAYER:TEACHER_LAYER, got '" + text + "'");
        }
        return new Hint(parts[0].trim(), parts[1].trim());
    }
}
