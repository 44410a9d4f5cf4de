package org.greendl.data.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over named parts fed in a fixed order: each part's name, then its bytes. */
final class Fingerprint {
    private final MessageDigest digest = sha256();

    /** Adds a file's name (as given, so moving the data does not change it) and its contents. */
    Fingerprint file(String name, Path file) throws IOException {
        text(name);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return this;
    }

    Fingerprint text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
        return this;
    }

    Fingerprint bytes(byte[] b) {
        digest.update(b);
        return this;
    }

    String finish() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
