package org.greendl.data.spec;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code csv:FILE}: one example per row, numeric features and one label column (by header name or 0-based
 * index, default the last). A first row with a non-numeric feature cell is a header. {@code skipRows} lines
 * are dropped first (scikit-learn's bundled CSVs start with a summary line). Comma-separated, or semicolon or
 * tab when the first row has no comma; gzip (by its magic) is read directly. The test split is a stratified
 * share of the rows.
 */
final class CsvLoader {
    private CsvLoader() {}

    static LoadedData load(String spec, Path file, DataOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataInputException(file, "no such file (expected a CSV file)");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String delimiter = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (lineNumber <= options.skipRows() || line.isBlank()) {
                    continue;
                }
                if (delimiter == null) {
                    delimiter = line.contains(",") ? "," : line.contains(";") ? ";" : line.contains("\t") ? "\t" : ",";
                }
                String[] cells = line.split(java.util.regex.Pattern.quote(delimiter), -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = unquote(cells[i].trim());
                }
                rows.add(cells);
                lineNumbers.add(lineNumber);
            }
        }
        if (rows.isEmpty()) {
            throw new DataInputException(file, "no rows" + (options.skipRows() > 0 ? " after skipping "
                    + options.skipRows() : ""));
        }
        String[] first = rows.get(0);
        int columns = first.length;
        int label = labelColumn(file, first, options.labelColumn());
        boolean header = isHeader(first, label) || (options.labelColumn() != null && !isIndex(options.labelColumn()));
        String[] names = header ? first : null;
        int start = header ? 1 : 0;
        int count = rows.size() - start;
        if (count == 0) {
            throw new DataInputException(file, "no data rows after the header");
        }
        int features = columns - 1;
        float[] values = new float[count * features];
        List<String> labels = new ArrayList<>(count);
        for (int r = start; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            int row = lineNumbers.get(r);
            if (cells.length != columns) {
                throw new DataInputException(file, "row " + row + " has " + cells.length + " columns, expected "
                        + columns);
            }
            int out = (r - start) * features;
            for (int c = 0; c < columns; c++) {
                if (c == label) {
                    if (cells[c].isEmpty()) {
                        throw new DataInputException(file, "row " + row + ", column " + (c + 1) + describe(names, c)
                                + ": empty label");
                    }
                    labels.add(cells[c]);
                    continue;
                }
                float v;
                try {
                    v = Float.parseFloat(cells[c]);
                } catch (NumberFormatException e) {
                    v = Float.NaN;
                }
                if (!Float.isFinite(v)) { // NaN or infinity would poison every normalized value of the column
                    throw new DataInputException(file, "row " + row + ", column " + (c + 1) + describe(names, c)
                            + ": '" + cells[c] + "' is not a number");
                }
                values[out++] = v;
            }
        }
        List<String> classNames = ClassNames.of(labels);
        int[] indices = ClassNames.indices(labels, classNames);
        String fingerprint = new Fingerprint().file(file.getFileName().toString(), file)
                .text("skipRows=" + options.skipRows() + ";label=" + label).finish();
        return Assembly.assemble(spec, file.toString(), new Examples(null, values, indices, new long[] {features}),
                null, classNames, fingerprint, options);
    }

    private static String describe(String[] names, int column) {
        return names == null ? "" : " ('" + names[column] + "')";
    }

    /** The label column's 0-based index: by name (in the header), by index, or the last. */
    private static int labelColumn(Path file, String[] first, String setting) throws DataInputException {
        if (setting == null) {
            return first.length - 1;
        }
        if (isIndex(setting)) {
            int index = Integer.parseInt(setting.trim());
            if (index < 0 || index >= first.length) {
                throw new DataInputException(file, "label column " + index + " does not exist (the file has "
                        + first.length + " columns, 0 to " + (first.length - 1) + ")");
            }
            return index;
        }
        for (int i = 0; i < first.length; i++) {
            if (first[i].equals(setting.trim())) {
                return i;
            }
        }
        throw new DataInputException(file, "label column '" + setting + "' does not exist (first row: "
                + String.join(",", first) + ")");
    }

    private static boolean isIndex(String setting) {
        return setting.trim().matches("-?\\d+");
    }

    /** A header has a non-numeric cell where data has features. */
    private static boolean isHeader(String[] row, int label) {
        for (int i = 0; i < row.length; i++) {
            if (i != label && !ClassNames.isNumber(row[i])) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")
                ? cell.substring(1, cell.length() - 1) : cell;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
