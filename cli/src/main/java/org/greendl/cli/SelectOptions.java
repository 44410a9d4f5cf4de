package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.data.FashionMnist;
import org.greendl.data.spec.DataProvenance;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.LoadedData;
import org.greendl.data.spec.SplitSizes;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.active.LabelFiles;
import org.greendl.select.active.ActiveLearning;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every data-selection command shares (active-learn, prune-data, curriculum, transfer), and the steps
 * each of them opens with: the engine's threads, the data, the test and training ids, the meter.
 */
public final class SelectOptions {
    @Option(names = "--model", defaultValue = "cnn", description = "Zoo model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin SeedOption seedOption;
    @Mixin DataOptions data;
    @Mixin TestLimitOption testLimit;
    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meter;

    private DataRequest request;
    private DataProvenance provenance;
    private ImageSet.Splits loaded;

    /** The run's seed. */
    long seed() {
        return seedOption.value();
    }

    /**
     * Fixes the engine's threads (before it loads) and reads the data of --data (Fashion-MNIST by default, from
     * the folder given or the usual places); checks that --model can take its shape and classes.
     */
    ImageSet.Splits load() throws IOException {
        threads.apply();
        request = data.request(seed(), batch);
        if (request.isFashionMnist() && request.options().normalize() == null) {
            // Read as every earlier selection run read it, so Fashion-MNIST's ids and numbers stay the same.
            Path folder = FashionMnist.locate(request.spec().path() != null ? request.spec().path()
                    : request.options().dataDir());
            loaded = ImageSet.fashionMnist(folder);
            provenance = request.spec().fashionMnistProvenance(folder, request.options(),
                    new SplitSizes(loaded.train().count(), loaded.test().count()));
        } else {
            LoadedData read = request.load();
            try {
                loaded = ImageSet.of(read);
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageFailure(e.getMessage() + " (data " + request.spec().text() + ")");
            }
            provenance = read.provenance();
        }
        checkModel(model);
        return loaded;
    }

    /** Fails in one line (exit 2) when {@code name} cannot be sized for the loaded data. */
    void checkModel(String name) {
        InputSpec in = input();
        Cli.usage(() -> ModelResolver.resolve(name, Map.of(), in));
    }

    /** What the models are sized for: the loaded data's example shape and class count. */
    InputSpec input() {
        return Learner.inputOf(loadedOrThrow().train());
    }

    /** The run record's data settings: {@code dataset} (the spec as given) and {@code data} (its DataRecord). */
    Map<String, Object> dataConfig() {
        loadedOrThrow();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dataset", request.spec().text());
        config.put(DataRecord.KEY, dataRecord().toConfigValue());
        return config;
    }

    /** The loaded data as a run record stores it. */
    DataRecord dataRecord() {
        loadedOrThrow();
        return DataRecord.of(request, provenance);
    }

    /** The class names labellers may use: Fashion-MNIST's own, or those the data names. */
    List<String> classNames() {
        loadedOrThrow();
        return request.isFashionMnist() ? LabelFiles.FASHION_MNIST_CLASSES : provenance.classNames();
    }

    private ImageSet.Splits loadedOrThrow() {
        if (loaded == null) {
            throw new IllegalStateException("the data is not loaded yet");
        }
        return loaded;
    }

    /** The first --test-limit of {@code ids}, all of them without one. */
    int[] firstTestIds(int[] ids) {
        int n = testLimit.raw();
        return n > 0 ? Arrays.copyOf(ids, Math.min(n, ids.length)) : ids;
    }

    /** A seeded random {@code limit} of the training images (0: all of them). */
    int[] trainIds(ImageSet train, int limit) {
        return ActiveLearning.pool(train.count(), limit, seed());
    }

    /** The meter of the run, as --tracking-mode, --country and --cpu-tdp say (process mode by default). */
    SelectMeter startMeter() {
        return SelectMeter.start(meter);
    }

    /** The start time in run ids. */
    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
