package org.metarec.experiments.lessons;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs lesson {@code N} of {@code docs/lessons/}: the single source file {@code LessonN.java}, compiled
 * in memory's neighbourhood (a temporary folder) against the class path metarec runs with, then its
 * {@code main} called with the lesson's arguments. The same file runs with plain {@code java} and the
 * project's class path: {@code java -cp experiments/target/metarec.jar docs/lessons/Lesson1.java}.
 */
public final class Lessons {

    private Lessons() {
    }

    /**
     * The folder of the lessons: {@code docs/lessons} of the repository metarec was started from (the
     * jar lives in {@code experiments/target/}), else of the working directory or its parent.
     */
    public static Path folder() {
        try {
            URL where = Lessons.class.getProtectionDomain().getCodeSource().getLocation();
            Path code = Path.of(where.toURI());
            // experiments/target/metarec.jar or experiments/target/classes -> the repository
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            root = root == null ? null : root.getParent();
            if (root != null && Files.isDirectory(root.resolve("docs/lessons"))) {
                return root.resolve("docs/lessons");
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        for (Path p : List.of(Path.of("docs/lessons"), Path.of("../docs/lessons"))) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("docs/lessons: not found next to metarec's jar or in the working directory");
    }

    /** The source file of lesson {@code n}. */
    public static Path source(Path folder, int n) {
        Path file = folder.resolve("Lesson" + n + ".java");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("lesson " + n + ": expected " + file + "; the lessons are "
                    + numbers(folder));
        }
        return file;
    }

    /** The numbers of the lessons in {@code folder}, in order. */
    public static List<Integer> numbers(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.matches("Lesson\\d+\\.java"))
                    .map(f -> Integer.parseInt(f.substring(6, f.length() - 5))).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + ": cannot list the lessons: " + e.getMessage());
        }
    }

    /**
     * Compiles and runs lesson {@code n}, its output going to {@code out} (System.out is redirected
     * for the duration, so run one lesson at a time).
     *
     * @throws IllegalArgumentException when the lesson does not compile, naming the compiler's messages
     */
    public static synchronized void run(Path folder, int n, String[] args, PrintStream out) throws Exception {
        Path source = source(folder, n);
        Path classes = Files.createTempDirectory("metarec-lesson");
        try {
            compile(source, classes);
            PrintStream previous = System.out;
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    Lessons.class.getClassLoader())) {
                Method main = loader.loadClass("Lesson" + n).getMethod("main", String[].class);
                System.setOut(out);
                main.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            } finally {
                out.flush();
                System.setOut(previous);
            }
        } finally {
            try (Stream<Path> files = Files.walk(classes)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void compile(Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalArgumentException("this Java runtime has no compiler (a JDK is needed to run the lessons)");
        }
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null, List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
        if (!ok) {
            throw new IllegalArgumentException(source + ": does not compile:\n" + messages.toString().strip());
        }
    }
}
