package org.greendl.meter.io;

import java.nio.file.Path;

/**
 * A second process for the lock tests: takes the lock of folder {@code args[0]} (for the command {@code args[1]},
 * by default {@code greendl lock-holder FOLDER}), says so, and holds it until killed.
 */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        FolderLock lock = FolderLock.acquire(Path.of(args[0]), args.length > 1 ? args[1] : "greendl lock-holder " + args[0]);
        System.out.println("locked");
        System.out.flush();
        // Holds until stdin closes or the process is killed; never reaches close() when killed.
        while (System.in.read() >= 0) {
            // wait
        }
        lock.close();
    }
}
