package org.greendl.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerSaveTest {
    @TempDir Path dir;

    @Test
    void savedParametersReplaceTheOldFileByRenameAndLeaveNoScratch() throws Exception {
        ImageSet images = SyntheticImages.make(20, 1);
        try (Learner learner = Learner.create("mlp", images, 1e-3f, 3)) {
            learner.save(dir);
            List<Path> files;
            try (var list = Files.list(dir)) {
                files = list.toList();
            }
            assertEquals(1, files.size(), "only the parameters file: " + files);
            Path params = files.get(0);
            Object inode = Files.getAttribute(params, "unix:ino");
            learner.save(dir);
            // A new inode: the file was replaced whole (rename), not rewritten in place where a kill would tear it.
            assertNotEquals(inode, Files.getAttribute(params, "unix:ino"));
            try (var list = Files.list(dir)) {
                assertEquals(List.of(params), list.toList());
            }
            try (Learner other = Learner.create("mlp", images, 1e-3f, 4)) {
                other.load(dir);
            }
        }
    }
}
