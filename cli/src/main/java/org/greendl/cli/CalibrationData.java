package org.greendl.cli;

import java.io.IOException;
import org.greendl.data.spec.DataOptions;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.LoadedData;
import org.greendl.data.spec.Normalization;
import org.greendl.deploy.int8.CalibrationSet;
import org.greendl.deploy.runtime.LabelledImages;

/**
 * A {@code --data SPEC} read for a foreign ONNX model: calibration samples from its training split, labelled
 * validation images from its test split, both preprocessed with the stated normalization (or the data's own,
 * said so in {@link #normalization}).
 */
record CalibrationData(CalibrationSet calibration, LabelledImages validation, String spec, Normalization normalization,
                       boolean normalizationStated) {

    static CalibrationData load(String spec, String normalize, int calibrationSize, int validationSize) {
        DataOptions options = DataOptions.defaults().withNormalize(normalize);
        LoadedData data;
        try {
            data = DataSpec.parse(spec).load(options);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read data " + spec + ": " + e.getMessage(), e);
        }
        LabelledImages train = LabelledImages.of(data.train(), calibrationSize);
        LabelledImages test = validationSize > 0 ? LabelledImages.of(data.test(), validationSize) : null;
        return new CalibrationData(new CalibrationSet(train.images(), train.sampleShape(), train.count()), test, spec,
                data.provenance().normalization(), normalize != null);
    }

    /** How the samples were normalized, as one line. */
    String describeNormalization() {
        return "normalization mean " + normalization.mean() + " std " + normalization.std() + " ("
                + (normalizationStated ? "--normalize" : "the data's default, " + normalization.source()
                        + "; state --normalize to match the model's own preprocessing") + ")";
    }
}
