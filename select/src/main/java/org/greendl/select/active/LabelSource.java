package org.greendl.select.active;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.select.ImageSet;

/** Where labels for a query come from. */
public interface LabelSource {
    /**
     * Labels for the queried ids, or null when they are not available yet (the loop saves its state and pauses).
     */
    Map<Integer, Integer> labels(int round, int[] ids) throws IOException;

    /** Simulation: the held-back ground truth of the image set. */
    static LabelSource groundTruth(ImageSet images) {
        return (round, ids) -> {
            Map<Integer, Integer> m = new LinkedHashMap<>();
            for (int id : ids) {
                m.put(id, images.label(id));
            }
            return m;
        };
    }

    /**
     * A person labels files: with {@code importFile} set, its labels answer the pending query (once); otherwise
     * the query is exported under {@code queryRoot/round-NN/} and the loop pauses.
     */
    static LabelSource files(Path queryRoot, Path importFile, ImageSet images, List<String> classNames) {
        return new LabelSource() {
            private boolean used;

            @Override
            public Map<Integer, Integer> labels(int round, int[] ids) throws IOException {
                if (importFile != null && !used) {
                    used = true;
                    return LabelFiles.importLabels(importFile, classNames);
                }
                LabelFiles.exportQuery(queryDir(queryRoot, round), ids, images);
                return null;
            }
        };
    }

    static Path queryDir(Path queryRoot, int round) {
        return queryRoot.resolve(String.format("round-%02d", round));
    }
}
