package org.greendl.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.record.RunRecord;

/** The run record's environment block: Java, DJL, engine, CPU model, threads, greendl's version, OS. */
public final class Environments {
    private Environments() {}

    public static RunRecord.Environment current() {
        Engine engine = Engine.getInstance();
        return new RunRecord.Environment(System.getProperty("java.version"), Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(), cpuModel(), threads());
    }

    /** Intra-op threads of the engine: the system property DJL reads, else the available processors. */
    public static int threads() {
        String p = System.getProperty("ai.djl.pytorch.num_threads");
        if (p != null) {
            try {
                return Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                // fall through to the processor count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return System.getProperty("os.arch");
    }
}
