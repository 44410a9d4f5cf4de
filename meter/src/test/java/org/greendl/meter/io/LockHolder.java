package org.greendl.meter.io;

import java.nio.file.Path;

/** A second process for {@link FolderLockTest}: takes the lock of a folder, says so, and holds it until killed. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        FolderLock lock = FolderLock.acquire(Path.of(args[0]), "greendl lock-holder " + args[0]);
        System.out.println("locked");
        System.out.flush();
        // Holds until stdin closes or the process is killed; never reaches close() when killed.
        while (System.in.read() >= 0) {
            // wait
        }
        lock.close();
    }
}
