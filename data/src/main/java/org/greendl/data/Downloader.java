package org.greendl.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.greendl.record.AtomicFiles;

/** Fetches one file from a URL into a path; a test replaces it with a fake. */
@FunctionalInterface
public interface Downloader {
    /** Downloads {@code url} to {@code target} (atomically) and checks its MD5, or throws saying why not. */
    void download(URI url, Path target, String md5) throws IOException;

    /** The real one: HTTP(S) with timeouts, into a temporary file, MD5-checked, then moved into place. */
    static Downloader http() {
        return (url, target, md5) -> {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            Files.createDirectories(target.getParent());
            try {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException(url + " answered HTTP " + response.statusCode());
                }
                MessageDigest digest = MessageDigest.getInstance("MD5");
                // A wrong checksum throws inside the writer, so the target is never replaced by a bad file.
                AtomicFiles.write(target, out -> {
                    try (InputStream in = new DigestInputStream(response.body(), digest)) {
                        in.transferTo(out);
                    }
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equalsIgnoreCase(md5)) {
                        throw new IOException(url + " has MD5 " + actual + ", expected " + md5);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + url + " interrupted", e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
