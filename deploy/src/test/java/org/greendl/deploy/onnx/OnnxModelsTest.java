package org.greendl.deploy.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelsTest {
    @TempDir Path dir;

    private static ModelProto model() {
        return ModelProto.newBuilder().setIrVersion(8).addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey("pad").setValue("x".repeat(250_000))).build();
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savingOntoAFolderFailsInOneLineAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("user.txt"), "mine");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OnnxModels.save(model(), target));
        assertTrue(e.getMessage().startsWith("cannot write ONNX model " + target), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals(List.of("out"), names(dir), "no OUT<digits>.tmp beside the target");
        assertEquals(List.of("user.txt"), names(target));
    }

    @Test
    void savesWholeFiles() throws IOException {
        Path target = dir.resolve("m/model.onnx");
        OnnxModels.save(model(), target);
        assertEquals(model(), ModelProto.parseFrom(Files.readAllBytes(target)));
        assertEquals(List.of("model.onnx"), names(target.getParent()));
    }
}
