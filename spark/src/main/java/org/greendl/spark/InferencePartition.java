package org.greendl.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.greendl.data.ImageDataset;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.Predictor;
import org.greendl.deploy.runtime.TopOne;
import org.greendl.deploy.runtime.TrackerEnergyMeter;

/**
 * One partition of a batch inference, run on the executor: reads the data itself (from the spec and options it
 * was given as text), takes its slice of the test split, opens ONE ONNX Runtime session for the partition,
 * classifies the slice in batches and sends back its predictions with its host, its JVM, its meter window, its
 * example count and its process-mode reading (this JVM's CPU share over the window), as JSON text.
 */
final class InferencePartition implements FlatMapFunction<Iterator<Integer>, String> {
    private static final long serialVersionUID = 1L;
    private final InferenceJob job;

    InferencePartition(InferenceJob job) {
        this.job = job;
    }

    @Override
    public Iterator<String> call(Iterator<Integer> partitions) throws Exception {
        if (!partitions.hasNext()) {
            return List.<String>of().iterator();
        }
        int partition = partitions.next();
        long loadStart = System.nanoTime();
        var options = TrialJob.JSON.readTree(job.dataOptions());
        TrialJob.checkDataHere(job.dataSpec(), options, TrialTask.host());
        DataRequest request = new DataRequest(DataSpec.parse(job.dataSpec()), TrialJob.options(options));
        ImageDataset test = request.load().test();
        int n = (int) Math.min(test.size(), job.testLimit() == null ? Long.MAX_VALUE : job.testLimit());
        int from = (int) ((long) partition * n / job.partitions());
        int to = (int) ((long) (partition + 1) * n / job.partitions());
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        LabelledImages slice = LabelledImages.of(test.select(positions), null);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        TaskContext task = TaskContext.get();
        int threads = job.threads() != null ? job.threads() : task == null ? 1 : Math.max(1, task.cpus());
        int[] predicted;
        long start;
        long end;
        EnergyMeter.Reading reading;
        try (TrackerEnergyMeter meter = TrackerEnergyMeter.processShare()) {
            EnergyMeter.Section section = meter.start();
            start = System.currentTimeMillis();
            try (Predictor predictor = Predictor.open(Path.of(job.model()), threads)) {
                predicted = TopOne.predictions(slice.count(), job.batch(),
                        (a, b) -> predictor.logits(slice.batch(a, b), b - a));
            }
            end = System.currentTimeMillis();
            reading = section.stop();
        }
        ObjectNode out = TrialJob.JSON.createObjectNode();
        out.put("partition", partition);
        out.put("host", TrialTask.host());
        out.put("pid", ProcessHandle.current().pid());
        out.put("threads", threads);
        out.put("from", from);
        out.put("examples", slice.count());
        out.put("load_s", loadSeconds);
        out.put("start_ms", start);
        out.put("end_ms", end);
        out.put("energy_kwh", reading.kwh());
        out.put("energy_source", reading.source());
        ArrayNode p = out.putArray("predictions");
        ArrayNode l = out.putArray("labels");
        for (int i = 0; i < predicted.length; i++) {
            p.add(predicted[i]);
            l.add(slice.labels()[i]);
        }
        return List.of(out.toString()).iterator();
    }
}
