package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's entries: a unit timed beside an identity graph of its input, its net latency, the cache. */
class LatencyTableTest {
    private static final ServeBenchmark.Settings QUICK = new ServeBenchmark.Settings(List.of(1), 1, 2, 5, 0.01);

    private static List<ObjectNode> conv() {
        return List.of(NasSpace.JSON.createObjectNode().put("type", "conv2d").put("filters", 8).put("kernel", 3)
                , NasSpace.JSON.createObjectNode().put("type", "activation").put("fn", "relu"));
    }

    @Test
    void aUnitIsTimedBesideAnIdentityAndItsNetLatencyHasTheOverheadTakenOut(@TempDir Path out) throws Exception {
        LatencyTable lut = new LatencyTable(out, QUICK);
        long[] input = {1, 12, 12};
        double raw = lut.latencyMs(conv(), input);
        double net = lut.netMs(conv(), input);
        assertTrue(raw > 0, "raw " + raw);
        assertTrue(net >= 0 && net < raw, "net " + net + " raw " + raw);
        lut.save();
        var saved = NasSpace.JSON.readTree(out.resolve("lut.json").toFile()).get("entries").get(0);
        assertEquals(LatencyTable.TIMINGS, saved.get("timings_ms").size());
        assertEquals(LatencyTable.TIMINGS, saved.get("identity_timings_ms").size());
        assertEquals(1, lut.measured());

        // A resumed search reads the entry instead of timing the unit again.
        LatencyTable again = new LatencyTable(out, QUICK);
        assertEquals(net, again.netMs(conv(), input));
        assertEquals(0, again.measured());
    }

    @Test
    void anEntryFromATableWithoutNetLatenciesIsTimedAgain(@TempDir Path out) throws Exception {
        long[] input = {1, 12, 12};
        LatencyTable first = new LatencyTable(out, QUICK);
        first.latencyMs(conv(), input);
        first.save();
        String old = Files.readString(out.resolve("lut.json")).replaceAll("\"net_ms\" : [0-9.Ee-]+,", "");
        Files.writeString(out.resolve("lut.json"), old);
        LatencyTable again = new LatencyTable(out, QUICK);
        assertTrue(again.netMs(conv(), input) >= 0);
        assertEquals(1, again.measured(), "an entry without net_ms is measured again");
    }
}
