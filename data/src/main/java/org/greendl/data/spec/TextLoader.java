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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.greendl.data.ImageDataset;
import org.greendl.data.text.TextEncoding;
import org.greendl.data.text.TextOptions;
import org.greendl.data.text.Tokenizer;

/**
 * {@code text:FILE}: one text and one label per row, tab-separated ({@code .tsv}, {@code .tab}, or a first
 * line with a tab) or comma-separated with RFC 4180 quoting (quoted cells may hold commas, doubled quotes and
 * line breaks); gzip (by its magic) is read directly. The test split is the stratified test fraction, the
 * tokenizer is trained on the training split only (or a saved one applied), and examples are token ids, shape
 * {@code (L)}, carried as exact integers in floats, never normalized.
 *
 * <p>Columns: by header name (any case; default {@code text} and {@code label}) or 0-based index. The first row
 * is the header unless both columns are given by index, which is how a file without a header is read. Empty texts are skipped and counted; texts longer than {@code L} keep their first {@code L}
 * tokens and are counted.
 */
final class TextLoader {
    private TextLoader() {}

    private record Row(String text, String label, int line) {}

    static LoadedData load(String spec, Path file, DataOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataInputException(file, "no such file (expected a TSV or CSV file of texts and labels)");
        }
        TextOptions text = options.text();
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        char delimiter = read(file, options.skipRows(), records, lines);
        if (records.isEmpty()) {
            throw new DataInputException(file, "no rows" + (options.skipRows() > 0 ? " after skipping "
                    + options.skipRows() : ""));
        }
        String[] first = records.get(0);
        boolean header = isHeader(text.textColumn(), options.labelColumn());
        int textColumn = column(file, lines.get(0), first, text.textColumn(), "text");
        int labelColumn = column(file, lines.get(0), first, options.labelColumn(), "label");
        if (textColumn == labelColumn) {
            throw new DataInputException(file, "the text and label columns are both column " + textColumn);
        }
        int needed = Math.max(textColumn, labelColumn) + 1;
        List<Row> rows = new ArrayList<>();
        int empty = 0;
        for (int r = header ? 1 : 0; r < records.size(); r++) {
            String[] cells = records.get(r);
            int line = lines.get(r);
            if (cells.length < needed) {
                throw new DataInputException(file, "line " + line + ": " + cells.length + " column"
                        + (cells.length == 1 ? "" : "s") + ", but the " + (cells.length <= textColumn ? "text" : "label")
                        + " column is column " + Math.max(textColumn, labelColumn) + " (0-based; delimiter "
                        + (delimiter == '\t' ? "tab" : "comma") + ")");
            }
            String label = cells[labelColumn].trim();
            if (label.isEmpty()) {
                throw new DataInputException(file, "line " + line + ": empty label");
            }
            if (cells[textColumn].isBlank()) {
                empty++;
                continue;
            }
            rows.add(new Row(cells[textColumn], label, line));
        }
        if (rows.isEmpty()) {
            throw new DataInputException(file, "no row with a text" + (empty > 0 ? " (" + empty + " empty)" : ""));
        }
        TextEncoding saved = text.saved() == null ? null : TextEncoding.read(text.saved());
        List<String> labels = rows.stream().map(Row::label).toList();
        List<String> classNames;
        if (saved != null) {
            classNames = saved.classNames();
            Map<String, Integer> known = new HashMap<>();
            for (int i = 0; i < classNames.size(); i++) {
                known.put(classNames.get(i), i);
            }
            for (Row row : rows) {
                if (!known.containsKey(row.label())) {
                    throw new DataInputException(file, "line " + row.line() + ": label '" + row.label()
                            + "' is not one of the " + classNames.size() + " classes the tokenizer " + text.saved()
                            + " was made with (" + abbreviate(classNames) + ")");
                }
            }
        } else {
            classNames = ClassNames.of(labels);
        }
        int[] classIndex = ClassNames.indices(labels, classNames);
        if (classNames.size() < 2) {
            throw new DataInputException(file + ": only " + classNames.size() + " class (" + classNames
                    + "); a classifier needs at least two");
        }
        StratifiedSplit split = StratifiedSplit.of(classIndex, classNames.size(), options.testFraction(),
                options.seed());
        if (split.train().length == 0 || split.test().length == 0) {
            throw new DataInputException(file + ": the " + (split.train().length == 0 ? "training" : "test")
                    + " split is empty (" + rows.size() + " texts; raise the test fraction or add texts)");
        }
        TextEncoding encoding;
        if (saved != null) {
            encoding = saved;
        } else {
            List<String> trainTexts = new ArrayList<>(split.train().length);
            for (int i : split.train()) {
                trainTexts.add(rows.get(i).text());
            }
            Tokenizer tokenizer;
            try {
                tokenizer = text.train(trainTexts);
            } catch (IllegalArgumentException e) {
                throw new DataInputException(file, e.getMessage());
            }
            int[] counts = trainTexts.stream().mapToInt(t -> tokenizer.encode(t).length).toArray();
            encoding = new TextEncoding(tokenizer, text.sequenceLength().choose(counts), classNames);
        }
        int length = encoding.length();
        float[] values = new float[rows.size() * length];
        int truncated = 0;
        int longest = 0;
        for (int r = 0; r < rows.size(); r++) {
            int[] ids = encoding.tokenizer().encode(rows.get(r).text());
            longest = Math.max(longest, ids.length);
            if (ids.length > length) {
                truncated++;
            }
            System.arraycopy(encoding.pad(ids), 0, values, r * length, length);
        }
        String textName = header ? first[textColumn] : Integer.toString(textColumn);
        String labelName = header ? first[labelColumn] : Integer.toString(labelColumn);
        TextInfo info = new TextInfo(textName, labelName, encoding.tokenizer().kind(), saved != null ? "saved"
                : "training-split", encoding.tokenizer().vocabularySize(), length,
                saved != null ? "saved" : text.sequenceLength().toString(), encoding.fingerprint(), truncated, longest,
                empty);
        String fingerprint = new Fingerprint().file(file.getFileName().toString(), file)
                .text("skipRows=" + options.skipRows() + ";text=" + textColumn + ";label=" + labelColumn)
                .text("tokenizer=" + encoding.fingerprint()).finish();
        Examples all = new Examples(null, values, classIndex, new long[] {length});
        Normalization ids = new Normalization(List.of(0f), List.of(1f), "none (token ids)");
        DataOptions plain = options.withNormalize(null);
        ImageDataset trainSet = Assembly.dataset(all, split.train(), classNames.size(), ids, plain, true);
        ImageDataset testSet = Assembly.dataset(all, split.test(), classNames.size(), ids, plain, false);
        DataProvenance provenance = new DataProvenance(spec, fingerprint, List.of((long) length), classNames, ids,
                new SplitSizes(split.train().length, split.test().length), info);
        return new LoadedData(trainSet, testSet, provenance, encoding);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... " + (names.size() - 8) + " more";
    }

    /** The first row is a header unless both columns are given by index (a file without one). */
    private static boolean isHeader(String textSetting, String labelSetting) {
        return !(textSetting != null && isIndex(textSetting) && labelSetting != null && isIndex(labelSetting));
    }

    private static int column(Path file, int line, String[] first, String setting, String role)
            throws DataInputException {
        if (setting != null && isIndex(setting)) {
            int index = Integer.parseInt(setting.trim());
            if (index < 0 || index >= first.length) {
                throw new DataInputException(file, "line " + line + ": no " + role + " column " + index + " (the row"
                        + " has " + first.length + " columns, 0 to " + (first.length - 1) + ")");
            }
            return index;
        }
        String name = setting != null ? setting.trim() : role;
        for (int i = 0; i < first.length; i++) {
            if (first[i].trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new DataInputException(file, "line " + line + ": no column '" + name + "' in the header (columns: "
                + String.join(", ", first) + "); name the " + role + " column with --" + role + "-column");
    }

    private static boolean isIndex(String setting) {
        return setting.trim().matches("\\d+");
    }

    /** Reads every record with the line it starts on; returns the delimiter. */
    private static char read(Path file, int skipRows, List<String[]> records, List<Integer> lines) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Character delimiter = name.endsWith(".tsv") || name.endsWith(".tsv.gz") || name.endsWith(".tab")
                || name.endsWith(".tab.gz") ? Character.valueOf('\t')
                : name.endsWith(".csv") || name.endsWith(".csv.gz") ? Character.valueOf(',') : null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (lineNumber <= skipRows || line.isBlank()) {
                    continue;
                }
                if (delimiter == null) {
                    delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
                }
                int start = lineNumber;
                if (delimiter == '\t') {
                    records.add(line.split("\t", -1));
                } else {
                    List<String> cells = new ArrayList<>();
                    StringBuilder cell = new StringBuilder();
                    boolean quoted = false;
                    String current = line;
                    while (true) {
                        for (int i = 0; i < current.length(); i++) {
                            char c = current.charAt(i);
                            if (quoted) {
                                if (c == '"' && i + 1 < current.length() && current.charAt(i + 1) == '"') {
                                    cell.append('"');
                                    i++;
                                } else if (c == '"') {
                                    quoted = false;
                                } else {
                                    cell.append(c);
                                }
                            } else if (c == '"' && cell.toString().isBlank()) {
                                cell.setLength(0);
                                quoted = true;
                            } else if (c == ',') {
                                cells.add(cell.toString());
                                cell.setLength(0);
                            } else {
                                cell.append(c);
                            }
                        }
                        if (!quoted) {
                            break;
                        }
                        String next = reader.readLine(); // a quoted cell goes on on the next line
                        if (next == null) {
                            throw new DataInputException(file, "line " + start + ": a quoted cell is never closed");
                        }
                        lineNumber++;
                        cell.append('\n');
                        current = next;
                    }
                    cells.add(cell.toString());
                    records.add(cells.toArray(String[]::new));
                }
                lines.add(start);
            }
        }
        return delimiter == null ? ',' : delimiter;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
