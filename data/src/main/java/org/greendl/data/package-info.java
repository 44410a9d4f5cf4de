/**
 * Datasets for greendl: the IDX reader, Fashion-MNIST's lookup (flag, environment, Debian's package, user cache
 * with a checksummed download), and {@link org.greendl.data.ImageDataset}, an in-memory DJL dataset whose batches
 * are built in one piece and whose order and augmentation depend only on (seed, epoch).
 */
package org.greendl.data;
