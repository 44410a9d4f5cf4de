package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.greendl.testing.OutsideMaven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuTdpTableTest {
    private final CpuTdpTable table = CpuTdpTable.bundled();

    @Test
    void normalizesCpuinfoNames() {
        assertEquals("intel xeon gold 6248r", CpuTdpTable.normalize("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz"));
        assertEquals("amd epyc 7763", CpuTdpTable.normalize("AMD EPYC 7763 64-Core Processor"));
        assertEquals("intel core i9-13900k", CpuTdpTable.normalize("13th Gen Intel(R) Core(TM) i9-13900K"));
        assertEquals("amd ryzen 9 7950x", CpuTdpTable.normalize("AMD Ryzen 9 7950X 16-Core Processor"));
    }

    @Test
    void matchesExactModelsOnly() {
        assertEquals(Optional.of(205.0), table.tdpWatts("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz"));
        assertEquals(Optional.of(150.0), table.tdpWatts("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz"));
        assertEquals(Optional.of(280.0), table.tdpWatts("AMD EPYC 7763 64-Core Processor"));
        assertEquals(Optional.of(125.0), table.tdpWatts("13th Gen Intel(R) Core(TM) i9-13900K"));
        // Prefixes and generic names must not pick a model.
        assertEquals(Optional.empty(), table.tdpWatts("Intel(R) Xeon(R) Gold 624 CPU"));
        assertEquals(Optional.empty(), table.tdpWatts("Intel(R) Xeon(R) Processor"));
        assertEquals(Optional.empty(), table.tdpWatts("Intel(R) Xeon(R) Platinum 8999X CPU @ 2.50GHz"));
        assertEquals(Optional.empty(), table.tdpWatts(""));
    }

    /** The table is loaded by folding case only; that must agree with normalize() on every row. */
    @Test
    void everyRowIsAlreadyNormalized() {
        for (Map.Entry<String, Double> row : table.rows()) {
            assertEquals(row.getKey().toLowerCase(Locale.ROOT), CpuTdpTable.normalize(row.getKey()), row.getKey());
            assertTrue(table.tdpWatts(row.getKey()).isPresent(), row.getKey());
        }
        assertTrue(table.rows().size() > 2000, "server and desktop families kept");
    }

    @Test
    void figuresAgreeWithTheReference() throws IOException {
        Path ref = Path.of("../../shared/reference/cpu_power.csv");
        OutsideMaven.require(Files.exists(ref), "the shared reference data",
                ref + " is missing (it comes with ../shared beside the checkout)");
        Map<String, Double> reference = new HashMap<>();
        for (String line : Files.readAllLines(ref, StandardCharsets.UTF_8)) {
            if (line.startsWith("Name,") || line.startsWith("\"")) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            if (!line.substring(comma + 1).matches("\\d+(\\.\\d+)?")) {
                continue; // a few reference rows hold ranges such as "27.29.5"
            }
            reference.put(line.substring(0, comma).trim().replaceAll("\\s+", " "), Double.parseDouble(line.substring(comma + 1)));
        }
        for (Map.Entry<String, Double> row : table.rows()) {
            assertEquals(reference.get(row.getKey()), row.getValue(), row.getKey());
        }
    }
}
