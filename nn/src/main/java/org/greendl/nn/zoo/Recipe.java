package org.greendl.nn.zoo;

/**
 * How a zoo model trains unless told otherwise: the optimizer ({@code adam} or {@code sgd}), the learning rate,
 * the learning-rate schedule (the syntax of {@code greendl train --schedule}), and how the recipe was chosen.
 */
public record Recipe(String optimizer, double learningRate, String schedule, String chosenBy) {
    /** For models no recipe was measured for: Adam at 0.001, constant. */
    public static final Recipe UNTUNED = new Recipe("adam", 0.001, "constant", "generic default, not tuned for this model");

    /** "adam, lr 0.003, cosine". */
    public String describe() {
        return optimizer + ", lr " + learningRate + ", " + schedule;
    }
}
