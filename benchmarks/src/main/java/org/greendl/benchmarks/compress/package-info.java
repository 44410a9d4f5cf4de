/**
 * Benchmark mains run by the scripts under {@code benchmarks/compress-*}: they train with greendl's own loop at
 * fixed settings ({@link org.greendl.benchmarks.compress.Fit}), so that they measure the techniques, not
 * differences between training loops.
 */
package org.greendl.benchmarks.compress;
