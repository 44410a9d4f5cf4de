package org.greendl.meter.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheap readers of the Linux /proc files the tracker samples. Each sample reads only the first bytes of
 * /proc/stat and /proc/meminfo into a reused buffer, so sampling allocates almost nothing.
 * Not thread-safe: one instance per sampling thread.
 */
public final class ProcFs {
    /** Linux reports CPU times in USER_HZ, 100 on every mainstream architecture. */
    public static final int USER_HZ = 100;

    private final Path root;
    private final byte[] buffer = new byte[4096];

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    public Path root() {
        return root;
    }

    /**
     * Reads the aggregate "cpu" line of /proc/stat into {@code out}: out[0] = busy ticks (user, nice, system,
     * irq, softirq; guest time is inside user), out[1] = all ticks except steal (busy + idle + iowait).
     * Steal is time the hypervisor gave to other guests, so it is neither our work nor our idle time.
     */
    public void machineCpu(long[] out) throws IOException {
        int n = readHead(root.resolve("stat"), buffer);
        int i = 0;
        while (i < n && buffer[i] != ' ') {
            i++; // skip "cpu"
        }
        long[] f = new long[8];
        for (int k = 0; k < 8; k++) {
            while (i < n && buffer[i] == ' ') {
                i++;
            }
            long v = 0;
            boolean any = false;
            while (i < n && buffer[i] >= '0' && buffer[i] <= '9') {
                v = v * 10 + (buffer[i++] - '0');
                any = true;
            }
            if (!any) {
                if (k < 4) {
                    throw new IOException("unexpected format of " + root.resolve("stat"));
                }
                break;
            }
            f[k] = v;
        }
        long busy = f[0] + f[1] + f[2] + f[5] + f[6];
        out[0] = busy;
        out[1] = busy + f[3] + f[4];
    }

    /** Reads MemTotal and MemAvailable (bytes) from /proc/meminfo into out[0] and out[1]. */
    public void memory(long[] out) throws IOException {
        int n = readHead(root.resolve("meminfo"), buffer);
        String head = new String(buffer, 0, n, StandardCharsets.US_ASCII);
        out[0] = kbField(head, "MemTotal:") * 1024;
        long available = kbField(head, "MemAvailable:");
        out[1] = available < 0 ? kbField(head, "MemFree:") * 1024 : available * 1024;
        if (out[0] <= 0) {
            throw new IOException("no MemTotal in " + root.resolve("meminfo"));
        }
    }

    private static long kbField(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        long v = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            v = v * 10 + (text.charAt(i++) - '0');
        }
        return v;
    }

    /**
     * CPU ticks of a process tree: for every live process in the tree, its own user+system time plus the
     * times of the children it has reaped (cutime+cstime). Each tick is counted once: a process's own time
     * moves into its parent's cutime only when it is reaped, and then it is no longer in the tree.
     * Returns out[0] = ticks, out[1] = resident bytes of the live tree. Descendants that daemonize away from
     * the tree are lost (the kernel reparents them).
     */
    public void processTree(long rootPid, long[] out) throws IOException {
        long ticks = 0;
        long rssPages = 0;
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(rootPid);
        boolean rootSeen = false;
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            Path dir = root.resolve(Long.toString(pid));
            long[] st;
            try {
                st = processStat(dir.resolve("stat"));
            } catch (IOException gone) {
                continue; // exited between listing and reading
            }
            rootSeen |= pid == rootPid;
            ticks += st[0];
            rssPages += st[1];
            todo.addAll(children(dir));
        }
        if (!rootSeen) {
            throw new IOException("process " + rootPid + " not found under " + root);
        }
        out[0] = ticks;
        out[1] = rssPages * 4096;
    }

    /** utime+stime+cutime+cstime and rss (pages) of one /proc/PID/stat. */
    private long[] processStat(Path stat) throws IOException {
        int n = readHead(stat, buffer);
        int close = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (buffer[i] == ')') { // the command name may hold spaces and parentheses: parse after the last ')'
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new IOException("unexpected format of " + stat);
        }
        // Fields after ')': 3 state, 4 ppid, ... 14 utime, 15 stime, 16 cutime, 17 cstime, ... 24 rss
        long ticks = 0;
        long rss = 0;
        int field = 2;
        int i = close + 1;
        while (i < n && field < 24) {
            while (i < n && buffer[i] == ' ') {
                i++;
            }
            field++;
            boolean negative = i < n && buffer[i] == '-';
            if (negative) {
                i++;
            }
            long v = 0;
            while (i < n && buffer[i] != ' ' && buffer[i] != '\n') {
                byte b = buffer[i++];
                if (b >= '0' && b <= '9') {
                    v = v * 10 + (b - '0');
                }
            }
            if (field >= 14 && field <= 17) {
                ticks += negative ? 0 : v;
            } else if (field == 24) {
                rss = negative ? 0 : v;
            }
        }
        return new long[] {ticks, rss};
    }

    private List<Long> children(Path procDir) {
        List<Long> kids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(procDir.resolve("task"))) {
            for (Path task : tasks) {
                String text;
                try {
                    text = Files.readString(task.resolve("children"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue;
                }
                for (String s : text.trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        kids.add(Long.parseLong(s));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no task dir (process gone) or no children files (kernel without CONFIG_PROC_CHILDREN): no children
        }
        return kids;
    }

    /** Reads up to buffer.length bytes from the start of a file (proc files have no useful size). */
    private static int readHead(Path file, byte[] buffer) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int n = 0;
            int r;
            while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
                n += r;
            }
            return n;
        }
    }
}
