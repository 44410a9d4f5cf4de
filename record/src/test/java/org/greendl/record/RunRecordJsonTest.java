package org.greendl.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunRecordJsonTest {
    @Test
    void emissionsUseTheDocumentedIntensityNameAndReadTheOldOne() throws Exception {
        var mapper = RunRecords.mapper();
        String written = mapper.writeValueAsString(new RunRecord.EmissionsInfo(0.002, 56.0, "FRA"));
        assertTrue(written.contains("\"intensity_g_per_kwh\""), written);

        RunRecord.EmissionsInfo old = mapper.readValue(
                "{\"total_kg\":0.001,\"intensity_gper_kwh\":480.6,\"country_iso_code\":\"\"}",
                RunRecord.EmissionsInfo.class);
        assertEquals(480.6, old.intensityGPerKwh(), 1e-9);
    }
}
