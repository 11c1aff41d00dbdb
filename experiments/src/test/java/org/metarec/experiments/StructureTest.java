package org.metarec.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * The structure the project keeps, checked on its main sources: methods are types (no method name is compared
 * with a string literal), studies live in experiments, the autodiff core is apart from its kernels, and the
 * modules depend one way ({@code experiments -> algorithms -> autodiff, core}).
 */
class StructureTest {

    /** The repository root: tests run in the experiments module's folder. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static List<Path> mainSources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every method name of the registries, as a regex alternative. */
    private static String methodNames() {
        List<String> names = new ArrayList<>(MetaMethod.names());
        for (RecMethod m : RecMethod.values()) {
            if (!names.contains(m.configName())) {
                names.add(m.configName());
            }
        }
        return String.join("|", names);
    }

    @Test
    void noMainCodeComparesAMethodNameWithAStringLiteral() {
        String names = methodNames();
        Pattern compare = Pattern.compile("(equals(IgnoreCase)?\\(\\s*\"(" + names + ")\"\\s*\\))|(\"(" + names
                + ")\"\\s*\\.equals)|(case\\s+\"(" + names + ")\")");
        List<String> found = new ArrayList<>();
        for (String module : List.of("core", "autodiff", "algorithms", "experiments")) {
            for (Path p : mainSources(module)) {
                String[] lines = read(p).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher m = compare.matcher(lines[i]);
                    if (m.find()) {
                        found.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + lines[i].strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "method names compared with string literals (use MetaMethod / RecMethod)");
    }

    @Test
    void studiesAndWorkloadsLiveInExperiments() {
        List<String> found = new ArrayList<>();
        for (Path p : mainSources("algorithms")) {
            String name = p.getFileName().toString();
            if (name.matches(".*(Study|Setup|Protocol|Experiment|ReferenceCase|ReferenceRunner|Latency)\\.java")) {
                found.add(ROOT.relativize(p).toString());
            }
        }
        assertEquals(List.of(), found, "study or workload classes in algorithms");
    }

    @Test
    void theAutodiffCoreIsApartFromItsKernels() {
        Path core = ROOT.resolve("autodiff/src/main/java/org/metarec/autodiff");
        for (String kernel : List.of("MatMul", "VectorMatMul", "VectorSupport", "Scratch", "TensorIndex")) {
            assertTrue(Files.notExists(core.resolve(kernel + ".java")), kernel + " belongs in autodiff.kernel");
            assertTrue(Files.exists(core.resolve("kernel").resolve(kernel + ".java")), kernel + " in autodiff.kernel");
        }
    }

    @Test
    void modulesDependOneWay() {
        List<String> found = new ArrayList<>();
        check(found, "core", "org.metarec.autodiff", "org.metarec.algorithms", "org.metarec.experiments");
        check(found, "autodiff", "org.metarec.core", "org.metarec.algorithms", "org.metarec.experiments");
        check(found, "algorithms", "org.metarec.experiments");
        assertEquals(List.of(), found, "imports against the dependency direction experiments -> algorithms -> autodiff, core");
    }

    private static void check(List<String> found, String module, String... forbidden) {
        for (Path p : mainSources(module)) {
            for (String line : read(p).split("\n")) {
                for (String f : forbidden) {
                    if (line.startsWith("import " + f + ".") || line.startsWith("import static " + f + ".")) {
                        found.add(ROOT.relativize(p) + ": " + line);
                    }
                }
            }
        }
    }
}
