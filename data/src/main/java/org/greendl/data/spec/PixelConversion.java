package org.greendl.data.spec;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Brings a decoded image to the dataset's channels and size: gray to RGB by copying, RGB to gray by luma. */
final class PixelConversion {
    private PixelConversion() {}

    static byte[] convert(DecodedImage image, int channels, int height, int width) {
        byte[] pixels = image.pixels();
        int plane = image.height() * image.width();
        if (image.gray() && channels == 3) {
            byte[] rgb = new byte[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pixels, 0, rgb, c * plane, plane);
            }
            pixels = rgb;
        } else if (!image.gray() && channels == 1) {
            byte[] gray = new byte[plane];
            for (int i = 0; i < plane; i++) {
                // ITU-R BT.601 luma, what ImageIO and PIL's "L" mode use.
                double y = 0.299 * (pixels[i] & 0xff) + 0.587 * (pixels[plane + i] & 0xff)
                        + 0.114 * (pixels[2 * plane + i] & 0xff);
                gray[i] = (byte) Math.round(y);
            }
            pixels = gray;
        }
        if (image.height() == height && image.width() == width) {
            return pixels;
        }
        return resize(pixels, channels, image.height(), image.width(), height, width);
    }

    /** Bilinear resampling of each channel on its own. */
    private static byte[] resize(byte[] pixels, int channels, int h, int w, int height, int width) {
        byte[] out = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            BufferedImage source = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            source.getRaster().setDataElements(0, 0, w, h, java.util.Arrays.copyOfRange(pixels, c * h * w,
                    (c + 1) * h * w));
            BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = target.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
            g.dispose();
            byte[] plane = (byte[]) target.getRaster().getDataElements(0, 0, width, height, null);
            System.arraycopy(plane, 0, out, c * height * width, height * width);
        }
        return out;
    }
}
