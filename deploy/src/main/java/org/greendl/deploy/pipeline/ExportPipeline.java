package org.greendl.deploy.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import org.greendl.deploy.int8.CalibrationSet;
import org.greendl.deploy.int8.DynamicQuantizer;
import org.greendl.record.QatScales;
import org.greendl.deploy.int8.QuantizationConfig;
import org.greendl.deploy.int8.SensitivityFallback;
import org.greendl.deploy.int8.StaticQuantizer;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.onnx.ParityCheck;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.TopOne;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code greendl export} does, for Java callers: exports a model to ONNX (opset {@value OnnxExporter#OPSET}),
 * checks the fp32 graph against DJL on test images, optionally quantizes it to int8 (calibrated on validation
 * images, disjoint from the test ones; the model's recorded data unless the settings name other data), and reports how ONNX Runtime fuses the result. Nothing is written; see
 * {@link ExportResult#save}.
 */
public final class ExportPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ExportPipeline.class);

    private ExportPipeline() {}

    public static ExportResult run(ExportSource source, ExportSettings settings) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            if (!source.block().isInitialized()) {
                source.block().initialize(manager, DataType.FLOAT32, source.input());
            }
            ExportOptions options = ExportOptions.named(source.name()).withMetadata("greendl.model", source.name());
            if (source.runRecord() != null) {
                options = options.withMetadata(ExportOptions.RUN_RECORD_KEY, source.runRecord());
            }
            ModelProto fp32 = OnnxExporter.create().exportAny(source.block(), source.input(), options);
            boolean calibrates = settings.int8() && !settings.dynamic();
            ExportData data = settings.parityImages() > 0 || calibrates ? ExportData.load(source, settings) : null;
            LabelledImages test = null;
            ParityCheck.Result parity = null;
            Double fp32Accuracy = null;
            if (settings.parityImages() > 0) {
                test = LabelledImages.of(data.splits().test(), settings.parityImages());
                parity = ParityCheck.compare(source.block(), fp32, test.images(), test.sampleShape(), test.count(),
                        settings.parityBatch());
                fp32Accuracy = TopOne.accuracy(fp32.toByteArray(), test);
            }
            ModelProto written = fp32;
            Int8 int8 = null;
            if (settings.int8()) {
                Quantized q = settings.dynamic() ? quantizeDynamic(fp32, settings.quantization())
                        : quantizeStatic(fp32, source, settings, data);
                written = q.model();
                int8 = q.report();
            }
            ExportResult.Parity p = parity == null ? null : new ExportResult.Parity(parity.samples(),
                    parity.maxAbsDiff(), fp32Accuracy, int8 == null ? null : TopOne.accuracy(written.toByteArray(), test));
            return new ExportResult(source.name(), OnnxExporter.OPSET, fp32, written, p, int8,
                    data == null ? null : data.record());
        }
    }

    private record Quantized(ModelProto model, Int8 report) {}

    private static Quantized quantizeDynamic(ModelProto fp32, QuantizationConfig q) {
        DynamicQuantizer.Result r = DynamicQuantizer.quantize(fp32, q.perChannel(), new HashSet<>(q.keepFloat()));
        return new Quantized(r.model(), new Int8("dynamic", 0, q.perChannel(), r.quantizedNodes().size(), null, null,
                ratio(r.model(), fp32), null, null, Fusion.of(r.model())));
    }

    private static Quantized quantizeStatic(ModelProto fp32, ExportSource source, ExportSettings settings,
            ExportData data) throws IOException {
        QuantizationConfig config = settings.quantization();
        QatScales qat = source.qatFile() != null && Files.isRegularFile(source.qatFile())
                ? QatScales.read(source.qatFile()) : null;
        LabelledImages calib = LabelledImages.of(data.splits().validation(), config.calibrationSize());
        if (calib.count() < config.batchSize() && calib.count() < config.calibrationSize() && calib.count() > 0) {
            // Small data: its whole validation split is less than one batch, so it is calibrated as one batch.
            LOG.info("calibrating on all {} validation images of {} in one batch (fewer than a batch of {})",
                    calib.count(), data.request().spec().text(), config.batchSize());
            config = config.withBatchSize(calib.count());
        }
        CalibrationSet set = new CalibrationSet(calib.images(), calib.sampleShape(), calib.count());
        StaticQuantizer.Result result;
        Int8.Fallback fallback = null;
        if (settings.autoFloat() != null) {
            if (qat != null) {
                throw new IllegalArgumentException("automatic float fallback cannot be combined with the learned "
                        + "scales of " + source.qatFile());
            }
            SensitivityFallback.Outcome o = SensitivityFallback.quantize(fp32, set, config, settings.autoFloat(),
                    settings.maxFloatLayers());
            result = o.result();
            fallback = new Int8.Fallback(o.agreement(), o.fullyQuantizedAgreement(), o.sensitivity(), o.keptFloat());
        } else {
            result = StaticQuantizer.quantize(fp32, set, config, qat);
        }
        return new Quantized(result.model(), new Int8(config.method().label(), calib.count(), config.perChannel(),
                result.quantizedNodes().size(), result.foldedBatchNorms(), result.layoutRewrites(),
                ratio(result.model(), fp32), qat == null ? null : source.qatFile(), fallback, Fusion.of(result.model())));
    }

    private static double ratio(ModelProto model, ModelProto fp32) {
        return model.getSerializedSize() / (double) fp32.getSerializedSize();
    }
}
