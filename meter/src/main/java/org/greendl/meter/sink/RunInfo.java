package org.greendl.meter.sink;

import org.greendl.meter.carbon.IntensityChoice;

/**
 * What does not change during a run: identity, place, hardware, sources. The static part of a CSV row.
 */
public record RunInfo(String runId, String projectName, String experimentId, String os, String javaVersion,
                      int cpuCount, String cpuModel, int gpuCount, String gpuModel, double ramTotalGb,
                      String trackingMode, IntensityChoice place, double pue) {}
