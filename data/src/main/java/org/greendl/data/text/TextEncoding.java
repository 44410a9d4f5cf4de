package org.greendl.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.greendl.record.AtomicFiles;
import org.greendl.record.Json;

/**
 * Everything that turns a text into a model's input: the tokenizer, the sequence length {@code L} (longer texts
 * keep their first {@code L} tokens, shorter ones are padded with id 0 at the end) and the class names the
 * model scores. Saved beside a model as {@link #FILE}, so every later command tokenizes as training did.
 */
public final class TextEncoding {
    /** The file name beside a model. */
    public static final String FILE = "tokenizer.json";
    private static final String FORMAT = "greendl-tokenizer";

    private final Tokenizer tokenizer;
    private final int length;
    private final List<String> classNames;
    private final String json;

    public TextEncoding(Tokenizer tokenizer, int length, List<String> classNames) {
        if (length < 1 || length > SequenceLength.MAX) {
            throw new IllegalArgumentException("sequence length must be 1 to " + SequenceLength.MAX + ", got " + length);
        }
        this.tokenizer = tokenizer;
        this.length = length;
        this.classNames = List.copyOf(classNames);
        this.json = toJson();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Tokens per example, {@code L}. */
    public int length() {
        return length;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** {@code ids} cut or padded to {@code L}, as the float values the datasets carry. */
    public float[] pad(int[] ids) {
        float[] out = new float[length];
        for (int i = 0, n = Math.min(length, ids.length); i < n; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** The model input for {@code text}: its first {@code L} token ids, padded with 0. */
    public float[] encode(String text) {
        return pad(tokenizer.encode(text));
    }

    /** {@code sha256:HEX} of this encoding's file content. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Writes {@link #FILE} into {@code dir} (a temporary file, then a move). */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, json);
        return file;
    }

    /** Reads a file {@link #write} wrote; a damaged one is an {@link IOException} naming the file and the field. */
    public static TextEncoding read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file (expected a greendl tokenizer)");
        } catch (IOException e) {
            throw new IOException(file + ": not a greendl tokenizer (" + Json.firstLine(e.getMessage()) + ")");
        }
        try {
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException("format is not " + FORMAT);
            }
            List<String> vocabulary = strings(root, "vocabulary");
            Tokenizer tokenizer = switch (root.path("kind").asText()) {
                case "word" -> new WordTokenizer(vocabulary);
                case "bpe" -> {
                    List<String[]> merges = new ArrayList<>();
                    for (JsonNode m : array(root, "merges")) {
                        if (!m.isArray() || m.size() != 2) {
                            throw new IllegalArgumentException("merges: each merge is a pair of symbols");
                        }
                        merges.add(new String[] {m.get(0).asText(), m.get(1).asText()});
                    }
                    yield new BpeTokenizer(vocabulary, merges);
                }
                default -> throw new IllegalArgumentException("kind '" + root.path("kind").asText()
                        + "' is not word or bpe");
            };
            JsonNode length = root.get("sequence_length");
            if (length == null || !length.canConvertToInt()) {
                throw new IllegalArgumentException("sequence_length: missing or not a whole number");
            }
            return new TextEncoding(tokenizer, length.asInt(), strings(root, "class_names"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode a = root.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException(field + ": missing or not a list");
        }
        return a;
    }

    private static List<String> strings(JsonNode root, String field) {
        List<String> out = new ArrayList<>();
        array(root, field).forEach(n -> out.add(n.asText()));
        return out;
    }

    private String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("kind", tokenizer.kind());
        root.put("lowercase", true);
        root.put("padding_id", Tokenizer.PADDING);
        root.put("unknown_id", Tokenizer.UNKNOWN);
        root.put("sequence_length", length);
        ArrayNode classes = root.putArray("class_names");
        classNames.forEach(classes::add);
        ArrayNode vocab = root.putArray("vocabulary");
        tokenizer.vocabulary().forEach(vocab::add);
        if (tokenizer instanceof BpeTokenizer bpe) {
            ArrayNode merges = root.putArray("merges");
            for (String[] m : bpe.merges()) {
                merges.addArray().add(m[0]).add(m[1]);
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tokenizer as JSON", e);
        }
    }
}
