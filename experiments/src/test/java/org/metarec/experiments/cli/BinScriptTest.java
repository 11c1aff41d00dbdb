package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/**
 * bin/metarec: finds the jar next to itself from any directory, passes the exit code through, explains a missing
 * build, and starts the JVM with the options of bin/jvm.options, which the tests run with too.
 */
class BinScriptTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result exec(Path cwd, String... command) throws Exception {
        return exec(cwd, Map.of(), command);
    }

    private static Result exec(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().remove("METAREC_JAVA_OPTS");
        builder.environment().remove("METAREC_SIMD");
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    /** A copy of the repository layout with only the scripts: {@code repo/bin/metarec} and its JVM options. */
    private Path copyScript() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
        Path script = tmp.resolve("repo/bin/metarec");
        Files.createDirectories(script.getParent());
        Files.copy(TestFiles.repositoryRoot().resolve("bin/metarec"), script);
        for (String file : List.of("jvm-options", "jvm.options")) {
            Files.copy(TestFiles.repositoryRoot().resolve("bin").resolve(file), script.resolveSibling(file));
        }
        assumeTrue(script.toFile().setExecutable(true), "cannot make the script executable here");
        return script;
    }

    @Test
    void explainsAMissingBuild() throws Exception {
        Path script = copyScript();
        Result r = exec(tmp, script.toString(), "--version");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("metarec is not built yet: run mvn -B -q package -DskipTests"), r.err());
    }

    @Test
    void runsTheJarFromAnyDirectoryAndReturnsItsExitCode() throws Exception {
        Path script = copyScript();
        writeProbeJar(tmp.resolve("repo/experiments/target/metarec.jar"));
        Path elsewhere = Files.createDirectories(tmp.resolve("somewhere/else"));
        Result r = exec(elsewhere, script.toString(), "7", "a b");
        assertEquals(7, r.code(), r.err());
        assertEquals("probe: 7 a b\n", r.out().replace(System.lineSeparator(), "\n").lines()
                .filter(line -> line.startsWith("probe:")).findFirst().orElse("") + "\n");
        // Through a symbolic link in another folder, too.
        Path link = tmp.resolve("links/metarec");
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, script);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links on this file system
        }
        assertEquals(0, exec(elsewhere, link.toString(), "0").code());
    }

    @Test
    void startsTheJvmWithTheVectorModuleAndTheParallelCollector() throws Exception {
        Path script = copyScript();
        writeProbeJar(tmp.resolve("repo/experiments/target/metarec.jar"));
        String jvm = jvmLine(exec(tmp, script.toString(), "0"));
        assertTrue(jvm.contains("--add-modules=jdk.incubator.vector"), jvm);
        assertTrue(jvm.contains("-XX:+UseParallelGC"), jvm);
        // The sizes only where the memory is known to be 4 GB or more.
        assertEquals(memoryKib() >= 4L * 1024 * 1024, jvm.contains("-Xms512m") && jvm.contains("-Xmn256m"), jvm);

        String scalar = jvmLine(exec(tmp, Map.of("METAREC_SIMD", "0"), script.toString(), "0"));
        assertTrue(!scalar.contains("jdk.incubator.vector"), scalar);

        // A collector chosen by the user replaces ours (two would stop the JVM from starting).
        String own = jvmLine(exec(tmp, Map.of("METAREC_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m"), script.toString(), "0"));
        assertTrue(own.contains("-XX:+UseSerialGC") && own.contains("-Xmx256m"), own);
        assertTrue(!own.contains("UseParallelGC") && !own.contains("-Xmn256m"), own);

        // A heap sized by the user keeps our collector but not our sizes (a young generation larger
        // than a small heap makes the JVM warn on every start).
        String sized = jvmLine(exec(tmp, Map.of("METAREC_JAVA_OPTS", "-Xmx200m"), script.toString(), "0"));
        assertTrue(sized.contains("-XX:+UseParallelGC") && sized.contains("-Xmx200m"), sized);
        assertTrue(!sized.contains("-Xmn256m") && !sized.contains("-Xms512m"), sized);
    }

    @Test
    void startsTheJvmWithTheOptionsTheTestsRunWith() throws Exception {
        // Surefire gives java the whole of bin/jvm.options; bin/metarec leaves the heap sizes out under 4 GB.
        assumeTrue(memoryKib() >= 4L * 1024 * 1024, "bin/metarec leaves the heap sizes out under 4 GB");
        Path script = copyScript();
        writeProbeJar(tmp.resolve("repo/experiments/target/metarec.jar"));
        List<String> options = new ArrayList<>(List.of(jvmLine(exec(tmp, script.toString(), "0"))
                .substring("jvm: ".length()).split(" ")));
        assertTrue(options.remove("-Djava.awt.headless=true"), options.toString());
        // The test's stderr is a file, so the script tells the program it is not a terminal (no progress bar).
        assertTrue(options.remove("-Dmetarec.stderr.terminal=false"), options.toString());
        assertEquals(ManagementFactory.getRuntimeMXBean().getInputArguments(), options);
    }

    /** MemTotal from /proc/meminfo in KiB, or 0 where there is none. */
    private static long memoryKib() throws IOException {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.isReadable(meminfo)) {
            return 0;
        }
        return Files.readAllLines(meminfo).stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
    }

    private static String jvmLine(Result r) {
        assertEquals(0, r.code(), r.err());
        return r.out().lines().filter(line -> line.startsWith("jvm:")).findFirst().orElseThrow();
    }

    /** A jar whose Main-Class is {@link ScriptProbe}. */
    private static void writeProbeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ScriptProbe.class.getName());
        String entry = ScriptProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = ScriptProbe.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
