package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code ```java} block of the top-level README.md, and of the section on calling the commands from Java in
 * the compress and deploy READMEs, compiles as shown against the project's classes: its
 * import lines stay imports, the rest becomes the body of a method (a block that declares a class is compiled as
 * it is). The wrapper adds only {@code train()}, the reader's own work the meter example calls.
 */
class ReadmeExamplesCompileTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\s*\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface|enum)\\s+(\\w+)");

    @TempDir Path dir;

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        Path readme = readme();
        List<String> blocks = javaBlocks(Files.readString(readme, StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 2, readme + ": expected the Java examples, found " + blocks.size());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String problems = compile(blocks.get(i), i + 1);
            if (problems != null) {
                failures.add("README.md Java example " + (i + 1) + " does not compile:\n" + problems
                        + "\n--- the example ---\n" + blocks.get(i));
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
    }

    @ParameterizedTest
    @CsvSource({"compress/README.md, ## The commands from Java", "deploy/README.md, ## The command from Java"})
    void theModuleReadmesCommandExamplesCompile(String file, String heading) throws IOException {
        Path readme = readme().resolveSibling(file);
        List<String> blocks = javaBlocks(section(Files.readString(readme, StandardCharsets.UTF_8), heading));
        assertTrue(!blocks.isEmpty(), readme + ": expected a Java example under '" + heading + "'");
        for (int i = 0; i < blocks.size(); i++) {
            String problems = compile(blocks.get(i), 50 + i);
            assertEquals(null, problems, file + " Java example " + (i + 1) + " does not compile");
            assertTrue(blocks.get(i).split("\n").length < 15, file + " example " + (i + 1) + " is 15 lines or more");
        }
    }

    /** The text from {@code heading} to the next second-level heading (empty when the heading is missing). */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return "";
        }
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    }

    @Test
    void aBrokenExampleIsCaught() throws IOException {
        String withoutImport = "TrackerConfig config = TrackerConfig.defaults();\n";
        String problems = compile(withoutImport, 99);
        assertTrue(problems != null && problems.contains("TrackerConfig"), String.valueOf(problems));
        assertEquals(null, compile("import org.greendl.meter.TrackerConfig;\n\n" + withoutImport, 98));
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** Compiles one example; returns the compiler's errors, or null when it compiles. */
    private String compile(String example, int number) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : example.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        Matcher type = TYPE_DECLARATION.matcher(body);
        String className;
        String source;
        if (type.find()) {
            className = type.group(4);
            source = example;
        } else {
            className = "ReadmeExample" + number;
            source = imports + "\npublic class " + className + " {\n"
                    + "    static void train() {}\n\n"
                    + "    static void example() throws Exception {\n" + body + "\n    }\n}\n";
        }
        Path src = dir.resolve("src" + number).resolve(className + ".java");
        Path classes = dir.resolve("classes" + number);
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no system Java compiler (a JRE instead of a JDK?)");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none",
                    "--release", "17");
            boolean ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjects(src)).call();
            if (ok) {
                return null;
            }
        }
        StringBuilder problems = new StringBuilder(out.toString());
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                problems.append("line ").append(d.getLineNumber()).append(" of the wrapped source: ")
                        .append(d.getMessage(Locale.ROOT)).append('\n');
            }
        }
        return problems + "--- wrapped source ---\n" + source;
    }

    /** The test class path (surefire's, when it launches the tests through a manifest-only jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Path readme() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("cli/pom.xml"))) {
                return p.resolve("README.md");
            }
        }
        throw new AssertionError("the project's README.md not found above " + here);
    }
}
