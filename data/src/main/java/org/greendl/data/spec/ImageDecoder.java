package org.greendl.data.spec;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads and decodes one image file; the folder loader calls it once per file it has not cached. */
@FunctionalInterface
interface ImageDecoder {
    DecodedImage decode(Path file) throws IOException;

    /** The JDK's ImageIO: PNG, JPEG, BMP and GIF. */
    static ImageDecoder imageIo() {
        return file -> {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DataInputException(file, "cannot read the image (" + e.getMessage() + ")");
            }
            BufferedImage image;
            try {
                image = ImageIO.read(new ByteArrayInputStream(bytes));
            } catch (IOException | RuntimeException e) {
                throw new DataInputException(file, "not a readable image (" + e.getMessage() + ")");
            }
            if (image == null) {
                throw new DataInputException(file, "not a readable image (no PNG, JPEG, BMP or GIF decoder accepts it)");
            }
            return pixels(image, Fingerprint.sha256(bytes));
        };
    }

    /** Channel-major bytes: gray samples as stored (scaled to 8 bits), colour as sRGB. */
    static DecodedImage pixels(BufferedImage image, byte[] sha256) {
        int h = image.getHeight();
        int w = image.getWidth();
        ColorModel model = image.getColorModel();
        boolean gray = model.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1;
        if (gray) {
            Raster raster = image.getRaster();
            int shift = Math.max(0, model.getComponentSize(0) - 8);
            byte[] out = new byte[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (raster.getSample(x, y, 0) >> shift);
                }
            }
            return new DecodedImage(h, w, true, out, sha256);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean paletteGray = model instanceof IndexColorModel && allGray(argb);
        int plane = h * w;
        byte[] out = new byte[paletteGray ? plane : 3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            if (paletteGray) {
                out[i] = (byte) p;
            } else {
                out[i] = (byte) (p >> 16);
                out[plane + i] = (byte) (p >> 8);
                out[2 * plane + i] = (byte) p;
            }
        }
        return new DecodedImage(h, w, paletteGray, out, sha256);
    }

    /** A palette image (GIF, indexed PNG) whose every pixel has equal red, green and blue is gray. */
    private static boolean allGray(int[] argb) {
        for (int p : argb) {
            int r = (p >> 16) & 0xff;
            if (r != ((p >> 8) & 0xff) || r != (p & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
