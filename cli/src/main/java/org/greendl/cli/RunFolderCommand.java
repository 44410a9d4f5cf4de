package org.greendl.cli;

import java.nio.file.Path;

/**
 * A command that writes a run folder. {@link Cli} holds that folder's lock ({@code .greendl.lock}) while the command
 * runs, so a second run into the same folder stops at once and says who holds it.
 */
public interface RunFolderCommand {
    /** The folder this invocation will write (its defaults applied), or null when it writes none. */
    Path runFolder();
}
