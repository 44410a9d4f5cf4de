package org.greendl.data;

import java.nio.file.Path;

/** The three datasets of one Fashion-MNIST load, and where the files were found. */
public record FashionMnistSplits(ImageDataset train, ImageDataset validation, ImageDataset test, Path location) {}
