package org.greendl.deploy.int8;

import java.io.IOException;
import org.greendl.data.spec.DataOptions;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.LoadedData;
import org.greendl.data.spec.Normalization;
import org.greendl.deploy.runtime.LabelledImages;

/**
 * A {@code --data SPEC} read for a foreign ONNX model: calibration samples from its training split, labelled
 * validation images from its test split (null when {@code validationSize} is 0), both preprocessed with the
 * stated normalization (or the data's own, said so in {@link #normalization}).
 */
public record CalibrationData(CalibrationSet calibration, LabelledImages validation, String spec,
                              Normalization normalization, boolean normalizationStated) {

    /** {@code normalize}: MEAN,STD or none as {@code --normalize} takes it (null: the data's own). */
    public static CalibrationData load(String spec, String normalize, int calibrationSize, int validationSize) {
        return load(new DataRequest(DataSpec.parse(spec), DataOptions.defaults().withNormalize(normalize)),
                normalize != null, calibrationSize, validationSize);
    }

    /** The data of a request (its own options: normalization, test fraction...); {@code stated}: normalization given. */
    public static CalibrationData load(DataRequest request, boolean stated, int calibrationSize, int validationSize) {
        LoadedData data;
        try {
            data = request.load();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read data " + request.spec().text() + ": " + e.getMessage(), e);
        }
        LabelledImages train = LabelledImages.of(data.train(), calibrationSize);
        LabelledImages test = validationSize > 0 ? LabelledImages.of(data.test(), validationSize) : null;
        return new CalibrationData(new CalibrationSet(train.images(), train.sampleShape(), train.count()), test,
                request.spec().text(), data.provenance().normalization(), stated);
    }

    /** How the samples were normalized, as one line. */
    public String describeNormalization() {
        return "normalization mean " + normalization.mean() + " std " + normalization.std() + " ("
                + (normalizationStated ? "--normalize" : "the data's default, " + normalization.source()
                        + "; state --normalize to match the model's own preprocessing") + ")";
    }
}
