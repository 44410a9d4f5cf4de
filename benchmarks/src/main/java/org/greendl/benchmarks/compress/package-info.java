/**
 * Benchmark mains run by the scripts under {@code benchmarks/compress-*}: they use plain DJL training
 * ({@link org.greendl.benchmarks.compress.Fit}) so that they measure the techniques, not the training loop.
 */
package org.greendl.benchmarks.compress;
