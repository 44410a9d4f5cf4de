package org.greendl.train;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.greendl.meter.source.CpuInfo;
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

    /** The CPU model as the meter reads it (/proc/cpuinfo); the JVM's architecture where it names none. */
    static String cpuModel() {
        String model = CpuInfo.read(Path.of("/proc/cpuinfo")).modelName();
        return "unknown".equals(model) ? System.getProperty("os.arch") : model;
    }
}
