package org.greendl.data.spec;

import java.util.List;
import java.util.Optional;

/**
 * Where a run's data came from, for a run record's config ({@code "data"}): a later command reloads the data
 * from {@link #spec} and checks with {@link #compatible} that it is still the data the model was made for.
 *
 * @param spec the spec string as the user gave it, e.g. {@code folder:photos}
 * @param fingerprint {@code sha256:HEX} over the files read, in a fixed order (names and contents)
 * @param inputShape one example's shape: {@code [C, H, W]} for images, {@code [F]} for feature vectors
 * @param classNames class names in class-index order
 * @param text how texts became token ids ({@code text:FILE} only; null otherwise)
 */
public record DataProvenance(String spec, String fingerprint, List<Long> inputShape, List<String> classNames,
        Normalization normalization, SplitSizes splits, TextInfo text) {
    public DataProvenance {
        inputShape = List.copyOf(inputShape);
        classNames = List.copyOf(classNames);
    }

    /** Images or feature vectors. */
    public DataProvenance(String spec, String fingerprint, List<Long> inputShape, List<String> classNames,
            Normalization normalization, SplitSizes splits) {
        this(spec, fingerprint, inputShape, classNames, normalization, splits, null);
    }

    /** The token vocabulary's size for text, 0 for images and feature vectors. */
    public int vocabulary() {
        return text == null ? 0 : text.vocabulary();
    }

    /**
     * Checks that {@code other} (data loaded now) can stand in for this (the data a model was made for): a
     * different input shape or different classes throw {@link IncompatibleDataException} naming both; the same
     * shape and classes with a different fingerprint (other files, or changed ones) give a warning to show.
     */
    public Optional<String> compatible(DataProvenance other) {
        if (!inputShape.equals(other.inputShape)) {
            throw new IncompatibleDataException("data " + other.spec + " has input shape " + other.inputShape
                    + " but " + spec + " had " + inputShape);
        }
        if (!classNames.equals(other.classNames)) {
            throw new IncompatibleDataException("data " + other.spec + " has classes " + other.classNames
                    + " but " + spec + " had " + classNames);
        }
        if (text != null && other.text != null
                && !text.tokenizerFingerprint().equals(other.text.tokenizerFingerprint())) {
            throw new IncompatibleDataException("data " + other.spec + " is tokenized differently (tokenizer "
                    + other.text.tokenizerFingerprint() + ") than " + spec + " was (" + text.tokenizerFingerprint()
                    + "); give the model's " + org.greendl.data.text.TextEncoding.FILE + " or the same data and settings");
        }
        if (!java.util.Objects.equals(fingerprint, other.fingerprint)) {
            return Optional.of("data " + other.spec + " has the same shape and classes as " + spec
                    + " but different content (fingerprint " + other.fingerprint + ", was " + fingerprint + ")");
        }
        return Optional.empty();
    }
}
