package org.greendl.data.spec;

/** Reorders interleaved {@code (N, H, W, C)} pixels to the channel-major {@code (N, C, H, W)} DJL expects. */
final class Layout {
    private Layout() {}

    static byte[] hwcToChw(byte[] in, int n, int h, int w, int c) {
        byte[] out = new byte[in.length];
        int plane = h * w;
        for (int e = 0; e < n; e++) {
            int base = e * plane * c;
            for (int p = 0; p < plane; p++) {
                for (int k = 0; k < c; k++) {
                    out[base + k * plane + p] = in[base + p * c + k];
                }
            }
        }
        return out;
    }

    static float[] hwcToChw(float[] in, int n, int h, int w, int c) {
        float[] out = new float[in.length];
        int plane = h * w;
        for (int e = 0; e < n; e++) {
            int base = e * plane * c;
            for (int p = 0; p < plane; p++) {
                for (int k = 0; k < c; k++) {
                    out[base + k * plane + p] = in[base + p * c + k];
                }
            }
        }
        return out;
    }
}
