package org.greendl.cli;

import java.nio.file.Path;
import org.greendl.meter.io.FolderLock;

/** A second process for {@link RunFolderLockTest}: holds a folder's lock as a running command would, until killed. */
public final class HoldFolderLock {
    private HoldFolderLock() {}

    public static void main(String[] args) throws Exception {
        FolderLock lock = FolderLock.acquire(Path.of(args[0]), "greendl train --out " + args[0]);
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until stdin closes or the process is killed
        }
        lock.close();
    }
}
