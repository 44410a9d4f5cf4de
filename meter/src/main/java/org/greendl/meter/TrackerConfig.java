package org.greendl.meter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.greendl.meter.carbon.CarbonTable;
import org.greendl.meter.carbon.IntensityChoice;
import org.greendl.meter.source.Nvml;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Power;

/**
 * Everything a {@link Tracker} needs, immutable. Build with {@link #builder()}; {@link #defaults()} is the
 * builder's defaults (no environment read). {@link ConfigResolver} layers flags, environment and the config
 * file for the command line.
 *
 * @param country ISO 3166 alpha-3, or null
 * @param cloud "provider:region", or null (wins over country)
 * @param pue data-centre power usage effectiveness, >= 1 (default 1.0)
 * @param interval sampling period (default 1 s)
 * @param cpuTdp CPU power for the estimate source, or null for the TDP table
 * @param outputDir where emissions.csv and emissions-tasks.jsonl go; null = no files
 * @param intensity user override of the grid intensity, or null
 * @param powercapRoot RAPL tree, or null for $GREENDL_POWERCAP_ROOT or /sys/class/powercap
 * @param preferPsys measure the CPU with the platform zone psys when present (default false: packages)
 * @param gpu look for NVIDIA GPUs (default true)
 * @param nvml makes the NVML binding, or null for the JNA one (tests pass a fake)
 * @param shutdownHook write the final row on SIGTERM/SIGINT (default true; only matters with an outputDir)
 */
public record TrackerConfig(String country, String cloud, double pue, Duration interval, Power cpuTdp,
                            TrackingMode trackingMode, Path outputDir, String projectName, CarbonIntensity intensity,
                            Path powercapRoot, boolean preferPsys, boolean gpu, Supplier<Nvml> nvml,
                            boolean shutdownHook) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final String DEFAULT_PROJECT = "greendl";

    public TrackerConfig {
        if (!(pue >= 1.0) || Double.isInfinite(pue)) {
            throw new IllegalArgumentException("PUE must be a number >= 1.0 (1.0 = no data-centre overhead), got " + pue);
        }
        if (interval == null || interval.toMillis() < 10) {
            throw new IllegalArgumentException("sampling interval must be at least 10 ms, got " + interval);
        }
        if (cpuTdp != null && !(cpuTdp.watts() > 0)) {
            throw new IllegalArgumentException("CPU TDP must be > 0 W, got " + cpuTdp.watts());
        }
        if (trackingMode == null) {
            trackingMode = TrackingMode.MACHINE;
        }
        if (projectName == null || projectName.isBlank()) {
            projectName = DEFAULT_PROJECT;
        }
        // Fails now, with a one-line message, on an unknown country or region.
        IntensityChoice.resolve(CarbonTable.bundled(), country, cloud, intensity);
    }

    public static TrackerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.country = country;
        b.cloud = cloud;
        b.pue = pue;
        b.interval = interval;
        b.cpuTdp = cpuTdp;
        b.trackingMode = trackingMode;
        b.outputDir = outputDir;
        b.projectName = projectName;
        b.intensity = intensity;
        b.powercapRoot = powercapRoot;
        b.preferPsys = preferPsys;
        b.gpu = gpu;
        b.nvml = nvml;
        b.shutdownHook = shutdownHook;
        return b;
    }

    /** The intensity this config selects, and its origin. */
    public IntensityChoice intensityChoice() {
        return IntensityChoice.resolve(CarbonTable.bundled(), country, cloud, intensity);
    }

    /** Builder: every setting optional (DJL's optX style). */
    public static final class Builder {
        private String country;
        private String cloud;
        private double pue = 1.0;
        private Duration interval = DEFAULT_INTERVAL;
        private Power cpuTdp;
        private TrackingMode trackingMode = TrackingMode.MACHINE;
        private Path outputDir;
        private String projectName = DEFAULT_PROJECT;
        private CarbonIntensity intensity;
        private Path powercapRoot;
        private boolean preferPsys;
        private boolean gpu = true;
        private Supplier<Nvml> nvml;
        private boolean shutdownHook = true;

        private Builder() {}

        public Builder optCountry(String iso3) {
            this.country = iso3;
            return this;
        }

        public Builder optCloud(String providerRegion) {
            this.cloud = providerRegion;
            return this;
        }

        public Builder optPue(double pue) {
            this.pue = pue;
            return this;
        }

        public Builder optInterval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder optCpuTdp(Power tdp) {
            this.cpuTdp = tdp;
            return this;
        }

        public Builder optTrackingMode(TrackingMode mode) {
            this.trackingMode = mode;
            return this;
        }

        /** Directory for emissions.csv and emissions-tasks.jsonl; null (the default) writes no files. */
        public Builder optOutputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        public Builder optProjectName(String name) {
            this.projectName = name;
            return this;
        }

        /** Overrides the grid intensity of the country or region. */
        public Builder optCarbonIntensity(CarbonIntensity intensity) {
            this.intensity = intensity;
            return this;
        }

        public Builder optPowercapRoot(Path root) {
            this.powercapRoot = root;
            return this;
        }

        public Builder optPreferPsys(boolean preferPsys) {
            this.preferPsys = preferPsys;
            return this;
        }

        public Builder optGpu(boolean gpu) {
            this.gpu = gpu;
            return this;
        }

        /** The NVML binding to use (tests pass a fake); null = the JNA binding to libnvidia-ml. */
        public Builder optNvml(Supplier<Nvml> nvml) {
            this.nvml = nvml;
            return this;
        }

        public Builder optShutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        public TrackerConfig build() {
            return new TrackerConfig(country, cloud, pue, interval, cpuTdp, trackingMode, outputDir, projectName,
                    intensity, powercapRoot, preferPsys, gpu, nvml, shutdownHook);
        }
    }
}
