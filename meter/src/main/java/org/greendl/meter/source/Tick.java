package org.greendl.meter.source;

import java.time.Duration;

/**
 * What the tracker read at one sample, shared by the sources that model energy instead of measuring it.
 *
 * @param elapsed time since the previous sample
 * @param cpuUtilization busy fraction of all CPUs over that time, in [0, 1] (from /proc/stat)
 * @param memoryBytes memory attributed to the tracked work: in use on the machine (machine mode) or the tracked
 *     process tree's resident set (process mode)
 */
public record Tick(Duration elapsed, double cpuUtilization, long memoryBytes) {}
