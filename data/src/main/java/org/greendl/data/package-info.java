/**
 * Datasets for greendl: the IDX reader, Fashion-MNIST's lookup (flag, environment, Debian's package, user cache
 * with a checksummed download), and {@link org.greendl.data.ImageDataset}, an in-memory DJL dataset whose batches
 * are built in one piece and whose order and augmentation depend only on (seed, epoch). Users' own data (IDX,
 * image folders, CSV, npz) is loaded by {@link org.greendl.data.spec.DataSpec}.
 */
package org.greendl.data;
