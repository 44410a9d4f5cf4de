package org.greendl.train.hpo;

import java.io.IOException;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.nn.zoo.InputSpec;

/**
 * The data every trial of a search trains on, split as {@code greendl train} splits it.
 *
 * @param request the data and the settings that read it (its seed fixes the splits and the trials' seed)
 * @param trainLimit the first N training examples only, or null for all
 * @param testLimit the first N test examples only (for the best trial's test accuracy), or null for all
 * @param input the data's example shape and classes, which size the space's model
 */
public record SearchData(DataRequest request, Integer trainLimit, Integer testLimit, InputSpec input) {
    public SearchData {
        if (request == null || input == null) {
            throw new IllegalArgumentException("search data needs a request and the input it gives");
        }
    }

    /** {@code request} loaded once to learn its input shape and classes. */
    public static SearchData of(DataRequest request, Integer trainLimit, Integer testLimit) throws IOException {
        DataSplits s = request.splits(trainLimit, testLimit);
        return new SearchData(request, trainLimit, testLimit, new InputSpec(s.inputShape(), s.classes(), s.vocabulary()));
    }

    /** The splits in batches of {@code batch}. */
    DataSplits splits(int batch) throws IOException {
        return request.withOptions(request.options().withBatchSize(batch))
                .splits(trainLimit, testLimit);
    }

    long seed() {
        return request.options().seed();
    }
}
