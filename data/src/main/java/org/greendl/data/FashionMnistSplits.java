package org.greendl.data;

import java.nio.file.Path;

/**
 * The three datasets of one Fashion-MNIST load, and where the files were found.
 *
 * @param validation null when the validation fraction is 0 (no examples held out)
 */
public record FashionMnistSplits(ImageDataset train, ImageDataset validation, ImageDataset test, Path location) {}
