package org.greendl.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("run.json"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[300_000]);
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("run.json"), names());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals(List.of("run.json"), names(), "no temporary file after an unchecked failure either");
    }

    @Test
    void aTargetThatIsAFolderIsAOneLineErrorAndLeavesNoTemporaryFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model.onnx"));
        Files.writeString(folder.resolve("keep"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, new byte[250_000]));
        assertEquals(folder + ": is a folder (expected a file name)", e.getMessage());
        assertEquals(List.of("model.onnx"), names());
    }

    @Test
    void writesWholeFilesWithTheUsualModeNotCreateTempFiles0600() throws IOException {
        Path file = dir.resolve("sub/index.html");
        AtomicFiles.writeString(file, "<html>");
        assertEquals("<html>", Files.readString(file));
        AtomicFiles.writeString(file, "<html>2");
        assertEquals("<html>2", Files.readString(file));
        assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE));
        if (Files.getPosixFilePermissions(dir).contains(PosixFilePermission.GROUP_READ)) {
            assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.GROUP_READ),
                    "the umask decides, as for any file: " + Files.getPosixFilePermissions(file));
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(1, s.count());
        }
    }
}
