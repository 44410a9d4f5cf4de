package org.greendl.select.active;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.greendl.record.AtomicFiles;
import org.greendl.select.ImageSet;

/**
 * The file side of a real labelling loop: a query is exported as {@code queries.csv} (id, image path, an empty
 * label column) plus one PNG per image; a person fills the label column (class index or class name) and the
 * file is imported back. Import only parses; {@link PoolState#withLabels} checks the ids against the query.
 */
public final class LabelFiles {
    public static final String QUERY_FILE = "queries.csv";
    /** Fashion-MNIST's class names, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private LabelFiles() {}

    /** Writes {@code dir/queries.csv} and {@code dir/images/<id>.png}; returns the CSV's path. */
    public static Path exportQuery(Path dir, int[] ids, ImageSet images) throws IOException {
        Path imageDir = dir.resolve("images");
        Files.createDirectories(imageDir);
        StringBuilder csv = new StringBuilder("id,image,label\n");
        for (int id : ids) {
            if (images.featureVectors()) {
                csv.append(id).append(",,\n"); // a feature vector: no image to draw
                continue;
            }
            String name = id + ".png";
            AtomicFiles.write(imageDir.resolve(name), png(images, id));
            csv.append(id).append(",images/").append(name).append(",\n");
        }
        Path file = dir.resolve(QUERY_FILE);
        AtomicFiles.writeString(file, csv.toString());
        return file;
    }

    /** A grey (one channel) or RGB (three channels) PNG of image {@code id}. */
    static byte[] png(ImageSet images, int id) throws IOException {
        if (images.featureVectors()) {
            throw new IllegalArgumentException("cannot draw feature vectors (" + images.channels()
                    + " features) as PNG");
        }
        byte[] raw = toBytes(images.rawValues(id));
        int h = images.height();
        int w = images.width();
        BufferedImage img;
        if (images.channels() == 1) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = img.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.setSample(x, y, 0, raw[y * w + x] & 0xff);
                }
            }
        } else if (images.channels() == 3) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    int rgb = (raw[p] & 0xff) << 16 | (raw[h * w + p] & 0xff) << 8 | (raw[2 * h * w + p] & 0xff);
                    img.setRGB(x, y, rgb);
                }
            }
        } else {
            throw new IllegalArgumentException("cannot draw images with " + images.channels() + " channels as PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Values in [0, 1] as unsigned bytes (bytes scaled by / 255 come back exactly), clamped outside it. */
    private static byte[] toBytes(float[] unit) {
        byte[] out = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            out[i] = (byte) Math.round(Math.max(0f, Math.min(1f, unit[i])) * 255f);
        }
        return out;
    }

    /**
     * Reads {@code id,label} pairs from a CSV with a header naming (at least) the columns {@code id} and
     * {@code label}. A label is a class index or a class name (case-insensitive). Lines with an empty label are
     * skipped (not labelled yet). Fails with the file and line on any malformed line or conflicting duplicate.
     */
    public static Map<Integer, Integer> importLabels(Path csv, List<String> classNames) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv + " (label file not found)");
        }
        List<String> lines;
        try {
            lines = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(csv)))
                    .toString().lines().toList();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(csv + " is not UTF-8 text (save the label file as UTF-8 CSV)");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty (expected a header with columns id,label)");
        }
        List<String> header = split(stripBom(lines.get(0)));
        int idCol = indexOf(header, "id");
        int labelCol = indexOf(header, "label");
        if (idCol < 0 || labelCol < 0) {
            throw new IllegalArgumentException(csv + " line 1: header '" + quote(lines.get(0))
                    + "' lacks an 'id' or a 'label' column");
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            byName.put(classNames.get(c).toLowerCase(Locale.ROOT), c);
        }
        Map<Integer, Integer> labels = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            String where = csv + " line " + (n + 1) + ": ";
            if (cells.size() <= Math.max(idCol, labelCol)) {
                if (cells.size() == labelCol && cells.size() > idCol) {
                    continue; // trailing empty label column dropped by an editor
                }
                throw new IllegalArgumentException(where + "expected " + header.size() + " columns, got " + cells.size());
            }
            String labelText = cells.get(labelCol).trim();
            if (labelText.isEmpty()) {
                continue;
            }
            int id;
            try {
                id = Integer.parseInt(cells.get(idCol).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "id '" + quote(cells.get(idCol)) + "' is not an integer");
            }
            Integer label = byName.get(labelText.toLowerCase(Locale.ROOT));
            if (label == null) {
                try {
                    label = Integer.parseInt(labelText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "class '" + quote(labelText) + "' is unknown (expected 0 to "
                            + (classNames.size() - 1) + " or one of " + String.join(", ", classNames) + ")");
                }
                if (label < 0 || label >= classNames.size()) {
                    throw new IllegalArgumentException(where + "class " + label + " is unknown (expected 0 to "
                            + (classNames.size() - 1) + ")");
                }
            }
            Integer before = labels.put(id, label);
            if (before != null && !before.equals(label)) {
                throw new IllegalArgumentException(where + "id " + id + " is labelled twice, as " + before + " and "
                        + label);
            }
        }
        return labels;
    }

    /** A cell as quoted in a message: cut when long (a stray 64 MB cell must not flood the terminal). */
    static String quote(String cell) {
        String oneLine = cell.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "... (" + oneLine.length() + " characters)";
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits one CSV line; supports double-quoted cells (class names such as "T-shirt/top" need none). */
    static List<String> split(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
