package org.greendl.data.spec;

import java.util.List;

/**
 * A class-per-subfolder tree decoded to bytes: what the folder loader caches.
 *
 * @param fingerprint content fingerprint over every image file (relative path and SHA-256 of its bytes)
 * @param pixels channel-major bytes, {@code channels*height*width} per image, training tree first
 * @param trainCount how many of the images come from a {@code train/} tree; the rest are its {@code test/}
 *     tree; -1 when the folder is one tree (the test split is then held out by fraction)
 */
record FolderImages(String fingerprint, List<String> classNames, int channels, int height, int width,
        int[] labels, byte[] pixels, int trainCount) {
    long[] shape() {
        return new long[] {channels, height, width};
    }
}
