package org.greendl.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a report page in headless Chromium, to check what a person would see: the DOM after layout, or a
 * PNG screenshot. Offline and private: no network services, no first-run UI, a throw-away profile folder.
 */
public final class HeadlessBrowser {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private final Path executable;

    private HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /** Chromium from $GREENDL_CHROMIUM or the PATH, if there is one. */
    public static Optional<HeadlessBrowser> find() {
        String given = System.getenv("GREENDL_CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Optional.of(new HeadlessBrowser(Path.of(given)));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new HeadlessBrowser(p));
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM as Chromium serializes it after loading (images decoded, layout done). */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** Writes a PNG screenshot of the page at the given window size. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(Path page, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("greendl-chromium");
        Path stdout = Files.createTempFile("greendl-chromium", ".out");
        try {
            List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            cmd.addAll(List.of(extra));
            cmd.add(page.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited with " + p.exitValue());
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@code HeadlessBrowser PAGE PNG}: a screenshot for benchmark scripts. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HeadlessBrowser PAGE.html OUT.png");
            System.exit(2);
        }
        Optional<HeadlessBrowser> b = find();
        if (b.isEmpty()) {
            System.err.println("no chromium on the PATH (Debian: apt-get install chromium; or set GREENDL_CHROMIUM)");
            System.exit(1);
        }
        b.get().screenshot(Path.of(args[0]), Path.of(args[1]), 1400, 3200);
        System.out.println("screenshot: " + args[1]);
    }
}
