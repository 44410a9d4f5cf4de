package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greendl.deploy.runtime.TopOne;

/**
 * Keeps the layers that int8 hurts most in float, automatically. Accuracy is measured as top-1 agreement with the
 * float model on the calibration images (no labels needed). When the fully quantized model disagrees with the
 * float one on more than {@code maxDisagreement} of them, each Conv/Gemm/MatMul is tried in float alone (its
 * sensitivity = agreement gained) and the most sensitive layers are kept in float, one at a time, until the
 * model is within the tolerance or {@code maxFloatLayers} are float.
 */
public final class SensitivityFallback {
    private SensitivityFallback() {}

    /** The chosen model, the agreement it reached, and each layer's agreement gain when kept float. */
    public record Outcome(StaticQuantizer.Result result, double agreement, double fullyQuantizedAgreement,
                          Map<String, Double> sensitivity, List<String> keptFloat) {}

    public static Outcome quantize(ModelProto fp32, CalibrationSet data, QuantizationConfig config,
                                   double maxDisagreement, int maxFloatLayers) {
        int n = Math.min(config.calibrationSize(), data.count());
        int[] reference = predictions(fp32, data, n);
        StaticQuantizer.Result full = StaticQuantizer.quantize(fp32, data, config);
        double fullAgreement = agreement(reference, predictions(full.model(), data, n));
        Map<String, Double> sensitivity = new LinkedHashMap<>();
        if (1 - fullAgreement <= maxDisagreement) {
            return new Outcome(full, fullAgreement, fullAgreement, sensitivity, List.of());
        }
        List<String> layers = fp32.getGraph().getNodeList().stream()
                .filter(node -> StaticQuantizer.WEIGHTED.contains(node.getOpType())).map(NodeProto::getName)
                .filter(name -> !config.keepsFloat(name)).toList();
        for (String layer : layers) {
            Set<String> keep = new HashSet<>(config.keepFloat());
            keep.add(layer);
            StaticQuantizer.Result r = StaticQuantizer.quantize(fp32, data, config.withKeepFloat(keep));
            sensitivity.put(layer, agreement(reference, predictions(r.model(), data, n)) - fullAgreement);
        }
        List<String> order = new ArrayList<>(sensitivity.keySet());
        order.sort((a, b) -> Double.compare(sensitivity.get(b), sensitivity.get(a)));
        Set<String> keep = new HashSet<>(config.keepFloat());
        List<String> kept = new ArrayList<>();
        StaticQuantizer.Result best = full;
        double bestAgreement = fullAgreement;
        for (String layer : order.subList(0, Math.min(maxFloatLayers, order.size()))) {
            keep.add(layer);
            kept.add(layer);
            best = StaticQuantizer.quantize(fp32, data, config.withKeepFloat(keep));
            bestAgreement = agreement(reference, predictions(best.model(), data, n));
            if (1 - bestAgreement <= maxDisagreement) {
                break;
            }
        }
        return new Outcome(best, bestAgreement, fullAgreement, sensitivity, kept);
    }

    static int[] predictions(ModelProto model, CalibrationSet data, int n) {
        return TopOne.predictions(model.toByteArray(), data.data(), data.sampleShape(), n, TopOne.BATCH);
    }

    static double agreement(int[] a, int[] b) {
        return TopOne.share(a, b);
    }
}
