package org.greendl.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.greendl.meter.ConfigResolver;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.source.EnergySource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl track [options] -- CMD ARGS...}: runs a command and measures its energy and carbon. */
@Command(name = "track", sortOptions = false,
        description = {"Run CMD, measure the energy and carbon of the machine (or of CMD's process tree) while it runs,",
            "print a summary on stderr and write DIR/emissions.csv (CodeCarbon's columns, then greendl's).",
            "CMD's exit code is passed through. Settings: flags > GREENDL_* environment > ~/.greendl/config.properties."})
public final class TrackCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Mixin CountryOption country;

    @Option(names = "--cloud", paramLabel = "PROVIDER:REGION", description = "Grid of this cloud region, e.g. gcp:europe-west9.")
    String cloud;

    @Option(names = "--pue", paramLabel = "X", description = "Data-centre power usage effectiveness (>= 1; default 1.0).")
    Double pue;

    @Option(names = "--intensity", paramLabel = "G", description = "Override the grid intensity, gCO2eq/kWh.")
    Double intensity;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1", description = "Sampling interval in seconds (default 1).")
    double intervalSeconds;

    @Option(names = "--cpu-tdp", paramLabel = "W", description = "CPU power for the estimate when there is no RAPL counter.")
    Double cpuTdp;

    @Option(names = "--tracking-mode", paramLabel = "machine|process", defaultValue = "machine",
            description = "machine: the whole machine (default); process: CMD's process tree's share by CPU time.")
    String trackingMode;

    @Option(names = "--prefer-psys", description = "Measure the CPU with the RAPL platform zone psys when present.")
    boolean preferPsys;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where emissions.csv goes (default: here).")
    Path out;

    @Option(names = "--project", paramLabel = "NAME", defaultValue = TrackerConfig.DEFAULT_PROJECT,
            description = "project_name column.")
    String project;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** This command with "stop at the first positional", so {@code track ls -la} works without "--". */
    static CommandLine commandLine() {
        return new CommandLine(new TrackCommand()).setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        MeterOutput.quietMeterLog();
        if (!(intervalSeconds >= 0.01)) {
            throw new Cli.UsageFailure("--interval must be at least 0.01 seconds, got " + intervalSeconds);
        }
        ConfigResolver.Flags flags = new ConfigResolver.Flags(country.given(), cloud, pue, cpuTdp, intensity);
        TrackerConfig config = ConfigResolver.resolve(flags)
                .optInterval(Duration.ofNanos((long) (intervalSeconds * 1e9)))
                .optTrackingMode(MeterOptions.trackingMode(trackingMode))
                .optOutputDir(out)
                .optProjectName(project)
                .optPreferPsys(preferPsys)
                .optShutdownHook(false) // ours below forwards the signal to CMD first
                .build();
        String placeOrigin = ConfigResolver.placeOrigin(flags, System.getenv(), ConfigResolver.defaultConfigFile());
        checkExecutable(command.get(0));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, expected a directory");
        }
        PrintWriter err = spec.commandLine().getErr();

        Tracker tracker = Tracker.start(config);
        AtomicReference<Process> childRef = new AtomicReference<>();
        AtomicBoolean signalled = new AtomicBoolean();
        // Registered before CMD starts, so that a signal at any moment still writes the final row.
        Thread hook = new Thread(() -> {
            // SIGTERM/SIGINT to greendl: pass it on to CMD, give it time to exit, then write the final row.
            signalled.set(true); // before CMD exits, so the main thread below knows the run was interrupted
            Process c = childRef.get();
            if (c != null) {
                c.destroy();
                try {
                    if (!c.waitFor(10, TimeUnit.SECONDS)) {
                        c.destroyForcibly();
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            Measurement m = tracker.stopInterrupted();
            summary(err, tracker, m, "was interrupted (signal to greendl)", placeOrigin);
        }, "greendl-track-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            tracker.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new IllegalArgumentException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        childRef.set(child);
        if (signalled.get()) {
            child.destroy(); // the signal came while CMD was starting
        }
        int code = child.waitFor();
        if (signalled.get()) {
            tracker.stopInterrupted();
            return code; // the hook prints the summary; the JVM is exiting
        }
        Measurement m = tracker.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return code; // the hook prints the summary
        }
        summary(err, tracker, m, "exited " + code, placeOrigin);
        return code;
    }

    /** Fails with one line when CMD is neither an executable path nor found on PATH. */
    static void checkExecutable(String cmd) {
        if (cmd.contains(File.separator)) {
            Path p = Path.of(cmd);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("command not found: " + cmd);
            }
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                throw new IllegalArgumentException("command is not executable: " + cmd);
            }
            return;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, cmd);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return;
                }
            }
        }
        throw new IllegalArgumentException("command not found on PATH: " + cmd);
    }

    private void summary(PrintWriter err, Tracker tracker, Measurement m, String how, String placeOrigin) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "greendl track: `%s` %s after %.2f s (%s mode)",
                String.join(" ", command), how, m.duration().toNanos() / 1e9, tracker.config().trackingMode().label()));
        var s = tracker.sources();
        List<String> whys = new ArrayList<>();
        lines.add(component("cpu", m.cpu(), m.cpuSource(), detail(s.cpu(), whys)));
        lines.add(component("gpu", m.gpu(), m.gpuSource(), s.gpu() == null ? gpuReason(tracker) : detail(s.gpu(), whys)));
        lines.add(component("ram", m.ram(), m.ramSource(), detail(s.ram(), whys)));
        for (String why : whys) {
            lines.add("  estimated because " + why);
        }
        lines.add(String.format(Locale.ROOT, "  total %s x PUE %.2f = %.4g gCO2eq", MeterOutput.kwh(m.total()),
                tracker.config().pue(), m.emissions().grams()));
        lines.add(String.format(Locale.ROOT, "  intensity %.1f gCO2eq/kWh: %s [chosen by %s]",
                m.intensity().gramsPerKwh(), tracker.intensity().source(), placeOrigin));
        for (String note : tracker.notes()) {
            if (!note.contains(" energy is an estimate: ")) { // said above, component by component
                lines.add("  note: " + note);
            }
        }
        if (tracker.csvFile() != null) {
            lines.add("  wrote " + tracker.csvFile());
        }
        synchronized (err) {
            lines.forEach(err::println);
            err.flush();
        }
    }

    /** A source's model for its line; an estimate's reason ("; why") goes once into {@code whys}. */
    private static String detail(EnergySource source, List<String> whys) {
        String d = source.description().replaceFirst("^(estimate|rapl|nvml): ", "");
        if (!source.isEstimate()) {
            return d;
        }
        int cut = d.indexOf("; ");
        if (cut < 0) {
            return d;
        }
        String why = d.substring(cut + 2).replaceFirst("^no RAPL dram counter: ", "");
        if (!whys.contains(why)) {
            whys.add(why);
        }
        return d.substring(0, cut);
    }

    private static String gpuReason(Tracker tracker) {
        for (var p : tracker.sources().probes()) {
            if (p.component() == org.greendl.meter.source.Component.GPU && !p.isAvailable()) {
                return p.detail();
            }
        }
        return "";
    }

    private static String component(String name, org.greendl.meter.unit.Energy e, String kind, String detail) {
        return String.format(Locale.ROOT, "  %-4s %-14s %-8s %s", name, MeterOutput.kwh(e), kind, detail);
    }
}
