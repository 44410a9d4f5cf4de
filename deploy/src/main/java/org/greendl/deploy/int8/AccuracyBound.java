package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.greendl.deploy.runtime.LabelledImages;

/**
 * Static int8 held to an accuracy bound, as a tuning loop judged by an evaluator (the order Intel Neural
 * Compressor's basic strategy takes): the fully quantized model is scored on labelled validation images; when it
 * loses more than {@code maxDropPoints} accuracy points against the float model, the other calibration methods are
 * tried first (a range choice that clips outliers can recover what no single layer can), the best kept; while
 * the drop is still too large, the weighted layer (Conv/Gemm/MatMul) whose float fallback alone gains most is
 * kept float, one at a time, each step scored and reported. Sensitivities are measured once, each layer alone in
 * float, under the chosen calibration.
 */
public final class AccuracyBound {
    private AccuracyBound() {}

    /** One tried model: its calibration, the layers kept float so far and its validation accuracy. */
    public record Step(CalibrationMethod calibration, List<String> keptFloat, double accuracy, double dropPoints) {}

    /**
     * @param withinBound whether the chosen model's drop is within the bound (false when every weighted layer
     *     was tried and it still is not: the last model is returned)
     * @param calibration the calibration method of the returned model (the one asked for unless another scored
     *     better while the bound was not met)
     */
    public record Outcome(OnnxQuantization.Result result, double floatAccuracy, double int8Accuracy,
                          int validationImages, List<Step> steps, Map<String, Double> sensitivity,
                          boolean withinBound, CalibrationMethod calibration) {}

    /**
     * @param maxDropPoints the largest accuracy loss allowed, in points (0.5 = half a percentage point);
     *     {@code Double.POSITIVE_INFINITY} only scores the fully quantized model
     * @param log receives one line per step
     */
    public static Outcome quantize(ModelProto fp32, Path modelDir, OnnxQuantization.Settings settings,
                                   CalibrationSet calibration, LabelledImages validation, double maxDropPoints,
                                   Consumer<String> log) {
        if (!(maxDropPoints >= 0)) {
            throw new IllegalArgumentException("the accuracy drop bound must be >= 0 points, got " + maxDropPoints);
        }
        int batch = OnnxQuantization.MAX_CALIBRATION_BATCH;
        ModelProto runnable = ForeignGraphs.withExternalDataInline(fp32, modelDir); // scored from memory
        double reference = ValidationAccuracy.of(runnable, validation, batch);
        int images = ValidationAccuracy.plan(runnable, validation.count(), batch).images();
        OnnxQuantization.Result full = OnnxQuantization.quantize(fp32, modelDir, settings, calibration);
        double fullAccuracy = ValidationAccuracy.of(full.model(), validation, batch);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(settings.method(), List.of(), fullAccuracy, points(reference, fullAccuracy)));
        log.accept(String.format("float %.4f, int8 %.4f (drop %.2f points, bound %s) on %d validation images",
                reference, fullAccuracy, points(reference, fullAccuracy), bound(maxDropPoints), images));
        Map<String, Double> sensitivity = new LinkedHashMap<>();
        if (points(reference, fullAccuracy) <= maxDropPoints) {
            return new Outcome(full, reference, fullAccuracy, images, steps, sensitivity, true, settings.method());
        }
        CalibrationMethod asked = settings.method();
        for (CalibrationMethod m : CalibrationMethod.values()) {
            if (m == asked) {
                continue;
            }
            OnnxQuantization.Result tried = OnnxQuantization.quantize(fp32, modelDir, settings.withMethod(m),
                    calibration);
            double a = ValidationAccuracy.of(tried.model(), validation, batch);
            steps.add(new Step(m, List.of(), a, points(reference, a)));
            log.accept(String.format("calibration %s -> int8 %.4f (drop %.2f points)", m.label(), a,
                    points(reference, a)));
            if (a > fullAccuracy) {
                full = tried;
                fullAccuracy = a;
                settings = settings.withMethod(m);
            }
        }
        if (points(reference, fullAccuracy) <= maxDropPoints) {
            return new Outcome(full, reference, fullAccuracy, images, steps, sensitivity, true, settings.method());
        }
        log.accept("calibration " + settings.method().label() + " kept; now layer by layer in float");
        List<String> layers = full.quantizedNodes().stream().filter(n -> fp32.getGraph().getNodeList().stream()
                .anyMatch(p -> p.getName().equals(n) && StaticQuantizer.WEIGHTED.contains(p.getOpType()))).toList();
        for (String layer : layers) {
            Set<String> keep = new HashSet<>(settings.keepFloat());
            keep.add(layer);
            double a = ValidationAccuracy.of(OnnxQuantization.quantize(fp32, modelDir, settings.withKeepFloat(keep),
                    calibration).model(), validation, batch);
            sensitivity.put(layer, a - fullAccuracy);
            log.accept(String.format("sensitivity %-40s %+.2f points when kept float", layer, 100 * (a - fullAccuracy)));
        }
        List<String> order = new ArrayList<>(layers);
        order.sort((x, y) -> Double.compare(sensitivity.get(y), sensitivity.get(x)));
        Set<String> keep = new HashSet<>(settings.keepFloat());
        List<String> kept = new ArrayList<>();
        OnnxQuantization.Result best = full;
        double accuracy = fullAccuracy;
        for (String layer : order) {
            keep.add(layer);
            kept.add(layer);
            best = OnnxQuantization.quantize(fp32, modelDir, settings.withKeepFloat(keep), calibration);
            accuracy = ValidationAccuracy.of(best.model(), validation, batch);
            steps.add(new Step(settings.method(), List.copyOf(kept), accuracy, points(reference, accuracy)));
            log.accept(String.format("step %d: %s kept float -> int8 %.4f (drop %.2f points)", kept.size(), layer,
                    accuracy, points(reference, accuracy)));
            if (points(reference, accuracy) <= maxDropPoints) {
                return new Outcome(best, reference, accuracy, images, steps, sensitivity, true, settings.method());
            }
        }
        return new Outcome(best, reference, accuracy, images, steps, sensitivity, false, settings.method());
    }

    private static double points(double reference, double accuracy) {
        return 100 * (reference - accuracy);
    }

    private static String bound(double p) {
        return Double.isInfinite(p) ? "none" : String.format("%.2f", p);
    }
}
