package org.greendl.deploy.int8;

import org.greendl.record.QatScales;

/** How a layer of {@code qat.json} maps onto the exported ONNX graph. */
final class QatLayers {
    private QatLayers() {}

    /** The input range, from min/max when given, else from scale and zero point; null when not quantized. */
    static Range inputRange(QatScales.Layer layer) {
        if (layer.inputMin() != null && layer.inputMax() != null) {
            return new Range(layer.inputMin(), layer.inputMax());
        }
        if (layer.inputScale() != null && layer.inputZeroPoint() != null) {
            return new Range(-layer.inputZeroPoint() * layer.inputScale(),
                    (255 - layer.inputZeroPoint()) * layer.inputScale());
        }
        return null;
    }

    /** Whether ONNX node {@code nodeName} of graph {@code graph} belongs to the layer. */
    static boolean matches(QatScales.Layer layer, String graph, String nodeName) {
        return nodeName.startsWith(graph + "/" + layer.name().replace('_', '/') + "/");
    }
}
