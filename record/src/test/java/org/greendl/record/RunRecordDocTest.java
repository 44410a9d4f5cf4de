package org.greendl.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/run-record.md lists every kind and every stop reason the code can write. */
class RunRecordDocTest {
    private static final Path DOC = Path.of("..", "docs", "run-record.md");

    /** The back-quoted words of the top-level table's row for {@code field}. */
    private static List<String> documented(String field) throws IOException {
        String row = Files.readAllLines(DOC).stream().filter(l -> l.startsWith("| `" + field + "` |")).findFirst()
                .orElseThrow(() -> new AssertionError(DOC + " has no row for `" + field + "`"));
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z0-9-]+)`").matcher(row.substring(row.indexOf('|', 2)));
        while (m.find()) {
            words.add(m.group(1));
        }
        return words;
    }

    @Test
    void everyKindIsDocumented() throws IOException {
        List<String> documented = documented("kind");
        for (Kind k : Kind.values()) {
            assertTrue(documented.contains(k.id()), "docs/run-record.md lacks the kind " + k.id());
        }
    }

    @Test
    void everyStopReasonIsDocumented() throws IOException {
        List<String> documented = documented("stop_reason");
        for (StopReason r : StopReason.values()) {
            assertTrue(documented.contains(r.id()), "docs/run-record.md lacks the stop reason " + r.id());
        }
    }

    @Test
    void idsAreTheRecordSpelling() {
        assertEquals("waiting-for-labels", StopReason.WAITING_FOR_LABELS.id());
        assertEquals(StopReason.NAN_LOSS, StopReason.fromId("nan-loss"));
        assertEquals("prune-data", Kind.PRUNE_DATA.id());
        assertEquals(Kind.FINE_TUNE, Kind.fromId("fine-tune"));
    }
}
