package org.greendl.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.greendl.data.spec.DataRequest;

/**
 * What every partition of a batch inference needs, as plain values that travel to the executors: the model's
 * path and the data's spec and options (JSON text), which each executor reads itself, so both must be on a
 * filesystem every executor sees at the same path.
 *
 * @param model the ONNX model's absolute path
 * @param dataSpec the data spec's text, e.g. {@code idx:/shared/data}
 * @param dataOptions the data options as JSON text
 * @param testLimit the first N test examples only, or null for all
 * @param batch the inference batch size
 * @param threads ONNX Runtime's intra-op threads per partition, or null for the task's cores
 *     ({@code spark.task.cpus})
 * @param partitions how many slices the examples are cut into, or null for Spark's default parallelism
 */
public record InferenceJob(String model, String dataSpec, String dataOptions, Integer testLimit, int batch,
        Integer threads, Integer partitions) implements Serializable {
    public InferenceJob {
        if (batch < 1 || (partitions != null && partitions < 1) || (testLimit != null && testLimit < 1) || (threads != null && threads < 0)) {
            throw new IllegalArgumentException("batch, partitions and a test limit must be >= 1, threads >= 0");
        }
    }

    public static InferenceJob of(Path model, DataRequest data, Integer testLimit, int batch, Integer threads,
            Integer partitions) {
        return new InferenceJob(model.toAbsolutePath().toString(), TrialJob.absolute(data.spec()),
                TrialJob.options(data.options()).toString(), testLimit, batch, threads, partitions);
    }

    public InferenceJob withPartitions(int n) {
        return new InferenceJob(model, dataSpec, dataOptions, testLimit, batch, threads, n);
    }
}
