package org.greendl.meter.sink;

import org.greendl.meter.Measurement;

/**
 * A run as it stands at one sample.
 *
 * @param status "running" while progress is written, then "completed" or "interrupted" (SIGTERM/SIGINT)
 */
public record RunSnapshot(RunInfo info, Measurement measurement, double cpuUtilizationPercent,
                          double ramUtilizationPercent, double ramUsedGb, String status) {}
