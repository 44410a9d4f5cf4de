package org.greendl.meter.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greendl.record.AtomicFiles;

/**
 * One advisory lock per output folder, so two runs never write into the same folder at once. The lock is an OS
 * lock ({@link FileChannel#tryLock}) on {@code DIR/.greendl.lock}; the file holds who took it (pid, host, command,
 * start time) so a second run can say who is busy there. The OS drops the lock when its holder dies, even by
 * SIGKILL: a lock file whose lock is free is stale and is taken over.
 *
 * <p>OS locks belong to the whole JVM, so a second holder inside the same JVM gets
 * {@link OverlappingFileLockException} from the JDK; that is reported as busy too.
 */
public final class FolderLock implements AutoCloseable {
    public static final String FILE = ".greendl.lock";
    private static final int MAX_COMMAND_CHARS = 200;
    /** Lock files this JVM holds, with their content. */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;
    private final boolean createdFolder;
    private final String unsupported;

    private FolderLock(Path file, FileChannel channel, FileLock lock, String previousHolder, boolean createdFolder,
            String unsupported) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
        this.createdFolder = createdFolder;
        this.unsupported = unsupported;
    }

    /** Thrown when another live run holds the folder; the message is one line naming the holder. */
    public static final class BusyException extends IOException {
        BusyException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock of {@code dir} (created if missing) for {@code command}, or throws {@link BusyException} naming
     * the run that holds it.
     */
    public static FolderLock acquire(Path dir, String command) throws IOException {
        boolean created = !Files.exists(dir);
        AtomicFiles.createDirectories(dir);
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        String mine = content(command);
        synchronized (HELD) {
            String inThisJvm = HELD.get(file);
            if (inThisJvm != null) {
                // Never open a second channel here: closing it would drop the holder's lock (POSIX semantics).
                throw busy(dir, inThisJvm);
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            String unsupported = null;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // locked through a channel this class did not open
            } catch (IOException e) {
                // A file system without locks (some network mounts): run unguarded rather than not at all.
                lock = null;
                unsupported = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (lock == null && unsupported == null) {
                String holder = read(ch);
                ch.close();
                throw busy(dir, holder);
            }
            try {
                String previous = read(ch);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(mine.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(true);
                HELD.put(file, mine);
                return new FolderLock(file, ch, lock, previous.isBlank() ? null : describe(parse(previous)), created,
                        unsupported);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** The run that had left a stale lock here (it died without releasing), or null when the folder was free. */
    public String tookOverFrom() {
        return lock == null ? null : previousHolder;
    }

    /** Why the folder could not be locked (its file system has no locks), or null when it is locked. */
    public String notLocked() {
        return unsupported;
    }

    public Path file() {
        return file;
    }

    /**
     * Empties the lock file and releases the lock. The file itself stays: deleting it would let a run that opened
     * it just before lock a file nobody else sees while a third run creates and locks a new one. The exception is
     * a folder this lock created and the run left empty (it failed before writing anything): both go, so a bad
     * command line leaves no folder behind.
     */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            try {
                channel.truncate(0);
                if (createdFolder && onlyTheLockFileIsLeft()) {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.getParent());
                }
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // something was written after all: the folder stays
            } finally {
                try {
                    if (lock != null && lock.isValid()) {
                        lock.release();
                    }
                } finally {
                    channel.close();
                    HELD.remove(file);
                }
            }
        }
    }

    private boolean onlyTheLockFileIsLeft() throws IOException {
        try (var entries = Files.list(file.getParent())) {
            return entries.allMatch(p -> p.getFileName().toString().equals(FILE));
        }
    }

    private static BusyException busy(Path dir, String holder) {
        return new BusyException(dir + " is in use by " + describe(parse(holder))
                + "; wait for it to finish or choose another --out");
    }

    private static String content(String command) {
        String host = hostName();
        String cmd = command.replaceAll("[\\r\\n]+", " ");
        if (cmd.length() > MAX_COMMAND_CHARS) {
            cmd = cmd.substring(0, MAX_COMMAND_CHARS) + "...";
        }
        return "pid=" + ProcessHandle.current().pid() + "\nhost=" + host + "\ncommand=" + cmd + "\nsince="
                + Instant.now().toString() + "\n";
    }

    /** The kernel's host name; not {@code InetAddress.getLocalHost()}, which may ask DNS. */
    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the environment
        }
        String h = System.getenv("HOSTNAME");
        if (h == null) {
            h = System.getenv("COMPUTERNAME");
        }
        return h == null || h.isBlank() ? "unknown" : h;
    }

    private static String describe(Map<String, String> holder) {
        if (holder.get("pid") == null) {
            return "another greendl run";
        }
        StringBuilder b = new StringBuilder("pid ").append(holder.get("pid"));
        if (holder.get("host") != null) {
            b.append(" on ").append(holder.get("host"));
        }
        if (holder.get("command") != null) {
            b.append(" (").append(holder.get("command")).append(")");
        }
        if (holder.get("since") != null) {
            b.append(" since ").append(holder.get("since"));
        }
        return b.toString();
    }

    private static Map<String, String> parse(String content) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096); // written by us, a few hundred bytes; never trust a bigger file
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // keep reading
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
}
