package org.greendl.data.spec;

/** The height and width images are resized to, written {@code HxW} (or one number for a square). */
public record ImageSize(int height, int width) {
    public ImageSize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
    }

    public static ImageSize parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                int side = Integer.parseInt(parts[0].trim());
                return new ImageSize(side, side);
            }
            if (parts.length == 2) {
                return new ImageSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("image size '" + text + "' is not HxW (e.g. 32x32) or one number");
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}
