/**
 * Method card: your own data, named by one spec string and loaded with the shape, classes and normalization it
 * implies (efficient data usage starts with using the data one has).
 *
 * <p><b>What it does.</b> {@link org.greendl.data.spec.DataSpec#parse} reads a spec, and
 * {@link org.greendl.data.spec.DataSpec#load} turns it into a training and a test
 * {@link org.greendl.data.ImageDataset} plus a {@link org.greendl.data.spec.DataProvenance} for the run record:
 * <ul>
 *   <li>{@code fashion-mnist} (the default): found as {@link org.greendl.data.FashionMnist#locate} finds it, all
 *       60,000 training images, its own constants 0.2860 and 0.3530.</li>
 *   <li>{@code idx:DIR}: IDX files by MNIST's names ({@code train-images-idx3-ubyte[.gz]}, {@code t10k-...}) or
 *       the one file named {@code *train*images*} (labels, test alike); any image size, any number of classes.</li>
 *   <li>{@code folder:DIR}: one subfolder per class (torchvision's ImageFolder): {@code DIR/train/CLASS/*} and
 *       {@code DIR/test/CLASS/*}, or one tree {@code DIR/CLASS/*} split by the test fraction (stratified, seeded);
 *       PNG, JPEG, BMP, GIF; gray or RGB ({@code channels} 1, 3 or auto); resized to {@code imageSize} when set.
 *       Decoded on all cores and cached, for the run in memory and on disk (keyed by the files' names, sizes and
 *       modification times), so a second load decodes nothing.</li>
 *   <li>{@code csv:FILE}: numeric features and a label column (by name or 0-based index, default the last);
 *       header detected; {@code skipRows} lines dropped first; {@code .csv.gz} read directly; test split by
 *       fraction. Shape {@code (F)}.</li>
 *   <li>{@code npz:FILE}: NumPy's {@code x_train, y_train, x_test, y_test} (Keras' convention; {@code uint8},
 *       {@code int64}, {@code float32}, {@code float64}; images {@code (N,H,W)} or channels-last).</li>
 * </ul>
 * Class names are folder names or label values (sorted numerically when numeric). Normalization is per channel
 * (per feature for CSV), computed on the training split unless given ({@code "MEAN,STD"}, per-channel
 * {@code "M1,..,MC,S1,..,SC"}, or {@code "none"}). Bad input is a {@link org.greendl.data.spec.DataInputException}
 * whose one line names the file (and for CSV the row and column).
 *
 * <p><b>When to use it.</b> Whenever the data is not Fashion-MNIST. Prefer {@code npz} or {@code idx} for large
 * image sets that are read often (no decoding); a folder of images costs one decoding pass, then loads from its
 * cache. Compare runs through {@link org.greendl.data.spec.DataProvenance#compatible}: a model made for one
 * shape and class list refuses another; the same shape with other content is a warning.
 *
 * <p><b>Settings.</b> {@link org.greendl.data.spec.DataOptions}: seed 42, test fraction 0.2, channels auto,
 * image size from the images, label column last, skip rows 0, normalization computed, cache beside the data
 * ({@code .greendl-cache}), batch 64.
 *
 * <p><b>What we measured.</b> Loading speed of each loader on 12,000 Fashion-MNIST images (PNG folder first load
 * against its cached loads, CSV, npz, IDX): {@code benchmarks/byo-data/results.md}, measured with
 * {@code benchmarks/byo-data/loader-speed.sh}. The IDX, npz and PNG-folder forms of the same images give
 * bit-identical tensors to the built-in Fashion-MNIST loader ({@code FashionMnistFormatsTest}).
 */
package org.greendl.data.spec;
