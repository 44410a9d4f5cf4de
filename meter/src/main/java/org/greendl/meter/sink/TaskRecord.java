package org.greendl.meter.sink;

import org.greendl.meter.Measurement;
import org.greendl.meter.unit.Energy;

/**
 * A closed task: its inclusive measurement and its own energy without its child tasks' ({@code self}), so that
 * summing {@code self} over all tasks never counts nested work twice.
 *
 * @param path names from the outermost task, joined by "/"
 * @param parent the enclosing task's path, or null
 */
public record TaskRecord(String runId, String name, String path, String parent, Measurement measurement, Energy self) {}
