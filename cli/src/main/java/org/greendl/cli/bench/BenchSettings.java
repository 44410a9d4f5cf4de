package org.greendl.cli.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The bench's settings, shared by every variant so that all are measured on the same test set and the
 * same runtime settings.
 *
 * @param trainLimit how many training images to use (0: all)
 * @param epochs baseline training epochs
 */
public record BenchSettings(String dataset, Path dataDir, Path out, boolean quick, List<String> techniques,
        String country, int threads, int trainLimit, int epochs, long seed) {}
