package org.greendl.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.DataSplits;
import org.greendl.nn.zoo.InputSpec;

/**
 * The bench's data: the request its own measurements read, and the same settings as arguments for the steps it
 * runs as commands, so that every variant trains and is tested on the same splits.
 *
 * @param request what the bench reads itself (the ONNX models' test accuracy, the serving cost's inputs)
 * @param args the data options for each step's command line (empty: Fashion-MNIST from the usual places)
 * @param input the data's example shape and classes, which size the zoo models
 */
public record BenchData(DataRequest request, List<String> args, InputSpec input) {
    public static final BenchData FASHION_MNIST = new BenchData(DataRequest.fashionMnist(null), List.of(),
            InputSpec.FASHION_MNIST);

    /** {@code input}: the data's example shape and classes (null: Fashion-MNIST's until {@link #withInput}). */
    public BenchData {
        args = List.copyOf(args);
        input = input == null ? InputSpec.FASHION_MNIST : input;
    }

    /** With the example shape and classes of the data as loaded. */
    public BenchData withInput(DataSplits splits) {
        return new BenchData(request, args, new InputSpec(splits.inputShape(), splits.classes(), splits.vocabulary()));
    }

    /** The data a trained baseline was made with, so that every variant of a bench on it reads the same. */
    public static BenchData recorded(DataRecord r, int batch) {
        DataRecord.Settings o = r.options();
        List<String> args = new ArrayList<>();
        boolean defaultFashionMnist = DataSpec.DEFAULT.equals(r.spec());
        if (defaultFashionMnist && o != null && o.dataDir() != null) {
            args.addAll(List.of("--data", o.dataDir()));
        } else if (!defaultFashionMnist) {
            args.addAll(List.of("--data", r.spec()));
        }
        if (o != null && !defaultFashionMnist) {
            args.addAll(List.of("--test-fraction", String.valueOf(o.testFraction())));
            add(args, "--channels", o.channels());
            add(args, "--image-size", o.imageSize());
            add(args, "--label-column", o.labelColumn());
            add(args, "--skip-rows", o.skipRows() == 0 ? null : o.skipRows());
            add(args, "--normalize", o.normalize());
        }
        return new BenchData(r.request(batch), args, null);
    }

    private static void add(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    /** The splits as training makes them (the default validation share held out of the training split). */
    public DataSplits splits() throws IOException {
        return request.splits(null, null);
    }

    /** The spec as written in the bench's record. */
    public String spec() {
        return request.spec().text();
    }
}
