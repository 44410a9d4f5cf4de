package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    @TempDir Path proc;

    @Test
    void machineCpuCountsBusyAndIdleButNotSteal() throws IOException {
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(proc.resolve("stat"), "cpu  100 10 50 800 40 5 5 300 0 0\ncpu0 1 2 3\nintr 1 2 3\n");
        long[] out = new long[2];
        new ProcFs(proc).machineCpu(out);
        assertArrayEquals(new long[] {170, 1010}, out);
    }

    @Test
    void memoryReadsTotalAndAvailable() throws IOException {
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       16000000 kB\nMemFree:  1000 kB\nMemAvailable:   12000000 kB\n");
        long[] out = new long[2];
        new ProcFs(proc).memory(out);
        assertArrayEquals(new long[] {16_000_000L * 1024, 12_000_000L * 1024}, out);
    }

    @Test
    void processTreeSumsLiveProcessesAndReapedChildren() throws IOException {
        // pid 10 (name with spaces and a parenthesis) has children 11 and 12; 12 has child 13.
        proc(10, "java (main) x", 100, 20, 7, 3, 1000, "11 12");
        proc(11, "sh", 5, 5, 0, 0, 10, "");
        proc(12, "make", 1, 1, 40, 10, 20, "13");
        proc(13, "cc1", 30, 2, 0, 0, 30, "");
        proc(99, "unrelated", 500, 500, 0, 0, 5, "");
        long[] out = new long[2];
        new ProcFs(proc).processTree(10, out);
        assertEquals(130 + 10 + 52 + 32, out[0]);
        assertEquals((1000 + 10 + 20 + 30) * 4096L, out[1]);
    }

    @Test
    void missingRootProcessIsAnError() {
        assertThrows(IOException.class, () -> new ProcFs(proc).processTree(4242, new long[2]));
    }

    @Test
    void theRealProcOfThisJvm() throws IOException {
        ProcFs real = ProcFs.system();
        long[] out = new long[2];
        real.processTree(ProcessHandle.current().pid(), out);
        assertTrue(out[0] > 0 && out[1] > 0);
        real.machineCpu(out);
        assertTrue(out[1] >= out[0] && out[0] > 0);
    }

    private void proc(int pid, String comm, long utime, long stime, long cutime, long cstime, long rss, String children)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(pid)));
        StringBuilder stat = new StringBuilder(pid + " (" + comm + ") S 1");
        for (int field = 5; field <= 24; field++) {
            long v = switch (field) {
                case 14 -> utime;
                case 15 -> stime;
                case 16 -> cutime;
                case 17 -> cstime;
                case 24 -> rss;
                default -> 0;
            };
            stat.append(' ').append(v);
        }
        stat.append(" 0 0\n");
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("stat"), stat.toString());
        Files.writeString(dir.resolve("children"), children.isEmpty() ? "" : children + " ");
    }
}
