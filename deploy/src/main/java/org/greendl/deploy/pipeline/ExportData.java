package org.greendl.deploy.pipeline;

import java.io.IOException;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data an export checks and calibrates on: the settings' data, else the data recorded with the source
 * model (Fashion-MNIST for a source without a record). Data of another input shape or classes than the
 * recorded data is refused, never silently used.
 */
record ExportData(DataRequest request, DataSplits splits) {
    private static final Logger LOG = LoggerFactory.getLogger(ExportData.class);
    private static final int BATCH = 256;

    static ExportData load(ExportSource source, ExportSettings settings) throws IOException {
        DataRecord recorded = recorded(source);
        DataRequest request = settings.data() != null ? settings.data()
                : recorded != null ? recorded.request(BATCH) : DataRequest.fashionMnist(null);
        DataSplits splits = request.splits(null, null);
        if (recorded != null) {
            recorded.check(splits.provenance(), warning -> LOG.warn(warning));
        }
        return new ExportData(request, splits);
    }

    /** The record for the export's run.json. */
    DataRecord record() {
        return DataRecord.of(request, splits.provenance());
    }

    private static DataRecord recorded(ExportSource source) throws IOException {
        if (source.runRecord() == null) {
            return null;
        }
        RunRecord record = RunRecords.mapper().readValue(source.runRecord(), RunRecord.class);
        return DataRecord.ofModel(record.config());
    }
}
