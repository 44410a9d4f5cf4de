package org.greendl.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordReadTest {
    @TempDir Path dir;

    private IOException refused(String name, byte[] content) throws IOException {
        Path f = Files.write(dir.resolve(name), content);
        IOException e = assertThrows(IOException.class, () -> RunRecords.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void aRecordWithoutAModelIsAOneLineErrorNotANullPointerLater() throws IOException {
        IOException e = refused("run.json", "{\"schema\": 1, \"id\": \"x\", \"kind\": \"train\"}".getBytes());
        assertTrue(e.getMessage().contains("\"model\""), e.getMessage());
    }

    @Test
    void emptyAndNonUtf8FilesSayWhatIsWrong() throws IOException {
        assertTrue(refused("empty.json", new byte[0]).getMessage().contains("empty"));
        IOException latin = refused("latin.json", new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
        assertTrue(latin.getMessage().contains("UTF-8") && !latin.getMessage().contains("Input length"),
                latin.getMessage());
    }
}
