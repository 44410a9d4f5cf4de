package org.greendl.deploy.runtime;

/**
 * Latency and throughput of one batch size. Energy is per 1,000 inferences (samples, not batches), null when no
 * meter was attached; {@code energySource} says whether it was measured ("rapl") or estimated ("estimate").
 */
public record BatchResult(int batch, int runs, double latencyMsP50, double latencyMsP90, double latencyMsP99,
                          double throughputPerS, Double energyKwhPer1k, String energySource) {}
