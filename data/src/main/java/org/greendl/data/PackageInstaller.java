package org.greendl.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs a dataset's system package, so that a fresh machine gets the data the way its administrator would.
 * A test replaces it with a fake.
 */
@FunctionalInterface
public interface PackageInstaller {
    /** Set to {@code 1} to turn the system-package step off. */
    String NO_INSTALL_VARIABLE = "GREENDL_NO_INSTALL";

    /** Installs {@code debianPackage}, or throws with the real reason it could not (one line). */
    void install(String debianPackage) throws IOException;

    /** An installer that never installs, with the reason it gives. */
    static PackageInstaller refusing(String reason) {
        return p -> {
            throw new IOException(reason);
        };
    }

    /**
     * Debian's apt: used when {@code apt-get} is on the PATH and greendl runs as root or {@code sudo -n} works,
     * unless {@code GREENDL_NO_INSTALL=1}. Says in one line on {@code log} what it is doing; refreshes the
     * package lists once when apt does not know the package yet (a fresh image has none).
     */
    static PackageInstaller apt(PrintStream log) {
        return apt(log, System.getenv());
    }

    /** As {@link #apt(PrintStream)}, reading {@code GREENDL_NO_INSTALL} and {@code PATH} from {@code env}. */
    static PackageInstaller apt(PrintStream log, java.util.Map<String, String> env) {
        return debianPackage -> {
            if ("1".equals(env.get(NO_INSTALL_VARIABLE))) {
                throw new IOException("turned off by " + NO_INSTALL_VARIABLE + "=1");
            }
            String path = env.getOrDefault("PATH", "");
            Path aptGet = onPath(path, "apt-get");
            if (aptGet == null) {
                throw new IOException("apt-get is not on the PATH (not a Debian-based system)");
            }
            List<String> prefix = new ArrayList<>();
            if (!"0".equals(run(List.of("id", "-u"), 10).output().trim())) {
                if (onPath(path, "sudo") == null || run(List.of("sudo", "-n", "true"), 10).exitCode() != 0) {
                    throw new IOException("not running as root, and sudo -n is not allowed without a password");
                }
                prefix.addAll(List.of("sudo", "-n"));
            }
            log.println("greendl: installing Debian's " + debianPackage + " with apt-get (" + NO_INSTALL_VARIABLE
                    + "=1 turns this off)...");
            List<String> install = new ArrayList<>(prefix);
            install.addAll(List.of(aptGet.toString(), "install", "-y", "-q", "--no-install-recommends", debianPackage));
            Result r = run(install, 900);
            if (r.exitCode() != 0 && r.output().contains("Unable to locate package")) {
                List<String> update = new ArrayList<>(prefix);
                update.addAll(List.of(aptGet.toString(), "update", "-q"));
                run(update, 600);
                r = run(install, 900);
            }
            if (r.exitCode() != 0) {
                throw new IOException("apt-get install " + debianPackage + " exited " + r.exitCode() + ": "
                        + r.lastErrorLine());
            }
            log.println("greendl: installed " + debianPackage);
        };
    }

    private static Path onPath(String path, String name) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        String lastErrorLine() {
            List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.stream().filter(l -> l.startsWith("E:")).reduce((a, b) -> b)
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        }
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            byte[] out = p.getInputStream().readAllBytes(); // returns when the process closes its output
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
    }
}
