package org.greendl.data.spec;

/**
 * One decoded image file: channel-major 8-bit pixels, 1 channel for gray images or 3 for colour (alpha is
 * dropped), and the SHA-256 of the file's bytes for the dataset's fingerprint.
 */
record DecodedImage(int height, int width, boolean gray, byte[] pixels, byte[] sha256) {
    int channels() {
        return gray ? 1 : 3;
    }
}
