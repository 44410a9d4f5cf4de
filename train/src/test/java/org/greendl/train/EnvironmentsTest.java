package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {
    @Test
    void cpuModelIsTheFirstModelNameLineOfProcCpuinfoElseTheArchitecture() throws Exception {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        Optional<String> line = Files.isReadable(cpuinfo)
                ? Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                : Optional.empty();
        String expected = line.map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse(System.getProperty("os.arch"));
        assertEquals(expected, Environments.cpuModel());
        assertFalse(Environments.cpuModel().isBlank());
    }
}
