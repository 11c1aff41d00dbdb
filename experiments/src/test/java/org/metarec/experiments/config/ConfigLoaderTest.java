package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;

/** extends chains, --set overrides, defaults, typed getters and the canonical resolved YAML. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    /**
     * Loads against the schema of every kind's keys: these tests are about the loader's mechanics, which do not
     * depend on which kind reads which key (KindKeysTest covers that).
     */
    private static Config load(Path file, String... sets) {
        return new ConfigLoader(ExperimentKinds.anyKindSchema()).load(file, Arrays.stream(sets).map(ConfigOverride::parse).toList());
    }

    @Test
    void defaultsAreFilledIn() {
        Config c = load(TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\n"));
        assertEquals(1L, c.seed());
        assertEquals("synthetic", c.getString("data.source"));
        assertEquals(2000, c.getInt("data.synthetic.users"));
        assertArrayEquals(new int[] {40, 40}, c.getIntArray("model.hidden"));
        assertArrayEquals(new double[] {0.9, 0.999}, c.getDoubleArray("optimizer.betas"));
        assertEquals(List.of("maml"), c.getStringList("methods"));
        assertFalse(c.isSet("optimizer.clip_norm"));
        assertNull(c.get("optimizer.clip_norm"));
        assertEquals(5, c.getInt("toy.dim"));
        // Sections that apply to other sources are left out entirely.
        assertFalse(c.isSet("data.sinusoid"));
        assertThrows(IllegalArgumentException.class, () -> c.get("data.sinusoid"));
    }

    @Test
    void integersAreAcceptedForNumbers() {
        Config c = load(TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\noptimizer:\n  lr: 1\n"));
        assertEquals(1.0, c.getDouble("optimizer.lr"));
    }

    @Test
    void extendsChainsMergeMappingsAndReplaceLists() {
        TestFiles.write(dir, "grand.yaml", "name: grand\nexperiment: toy\nseed: 1\nmodel:\n  hidden: [1, 2, 3]\n  activation: tanh\n");
        TestFiles.write(dir, "sub/parent.yaml", "extends: ../grand.yaml\nseed: 2\nmodel:\n  hidden: [8]\n");
        Path child = TestFiles.write(dir, "sub/child.yaml", "extends: parent.yaml\nname: child\noptimizer:\n  lr: 0.5\n");
        Config c = load(child);
        assertEquals("child", c.name());
        assertEquals(2L, c.seed());
        assertArrayEquals(new int[] {8}, c.getIntArray("model.hidden"));
        assertEquals("tanh", c.getString("model.activation"));
        assertEquals(0.5, c.getDouble("optimizer.lr"));
    }

    @Test
    void setOverridesAfterExtends() {
        TestFiles.write(dir, "base.yaml", "name: t\nexperiment: toy\nseed: 5\n");
        Path child = TestFiles.write(dir, "child.yaml", "extends: base.yaml\nseed: 6\n");
        Config c = load(child, "seed=7", "model.hidden=[64, 64]", "optimizer.clip_norm=2.5", "data.synthetic.transfer=0");
        assertEquals(7L, c.seed());
        assertArrayEquals(new int[] {64, 64}, c.getIntArray("model.hidden"));
        assertEquals(2.5, c.getDouble("optimizer.clip_norm"));
        assertEquals(0.0, c.getDouble("data.synthetic.transfer"));
    }

    @Test
    void setToNullRestoresTheDefault() {
        Path f = TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\nseed: 9\n");
        assertEquals(1L, load(f, "seed=null").seed());
        assertEquals(1L, load(f, "seed=").seed());
    }

    @Test
    void laterSetWins() {
        Path f = TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\n");
        assertEquals(3L, load(f, "seed=2", "seed=3").seed());
    }

    @Test
    void quotedNumbersStayStrings() {
        Path f = TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\n");
        assertEquals("007", load(f, "name=\"007\"").name());
    }

    @Test
    void relativeDataPathsResolveAgainstTheFileThatSetsThem() throws Exception {
        Files.createDirectories(dir.resolve("data/ml"));
        TestFiles.write(dir, "data/base.yaml", "name: t\nexperiment: toy\ndata:\n  source: movielens100k\n  path: ml\n");
        Path child = TestFiles.write(dir, "configs/child.yaml", "extends: ../data/base.yaml\n");
        Config c = load(child);
        assertEquals(dir.resolve("data/ml").toAbsolutePath().normalize(), c.getPath("data.path"));
        assertEquals(List.of("Action", "Comedy", "Drama"), c.getStringList("data.genres_as_domains"));
    }

    @Test
    void resolvedYamlReadsBackToTheSameConfigAndHash() {
        Config c = load(TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\nseed: -3\noptimizer:\n  eps: 1e-12\n"
                + "methods: [reptile, maml]\ndata:\n  source: movielens1m\n  path: .\n  genres_as_domains: [\"Children's\", Sci-Fi]\n"));
        Path resolved = TestFiles.write(dir, "resolved/config.resolved.yaml", c.toYaml());
        Config again = load(resolved);
        assertEquals(c.toYaml(), again.toYaml());
        assertEquals(c.sha256(), again.sha256());
        assertEquals(1e-12, again.getDouble("optimizer.eps"));
        assertEquals(List.of("Children's", "Sci-Fi"), again.getStringList("data.genres_as_domains"));
    }

    @Test
    void keyOrderInTheFileDoesNotChangeTheResolvedText() {
        Config a = load(TestFiles.write(dir, "a.yaml", "name: t\nexperiment: toy\nseed: 4\nbudget:\n  log_every: 3\n  meta_iterations: 9\n"));
        Config b = load(TestFiles.write(dir, "b.yaml", "budget:\n  meta_iterations: 9\n  log_every: 3\nseed: 4\nexperiment: toy\nname: t\n"));
        assertEquals(a.toYaml(), b.toYaml());
        assertEquals(a.sha256(), b.sha256());
        assertNotEquals(a.sha256(), load(TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\nseed: 5\n")).sha256());
    }

    @Test
    void hashIsTheSha256OfTheResolvedText() {
        Config c = load(TestFiles.write(dir, "c.yaml", "name: t\nexperiment: toy\n"));
        assertEquals(Config.sha256(c.toYaml()), c.sha256());
        // Known SHA-256 test vector (FIPS 180-2, "abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Config.sha256("abc"));
        assertTrue(c.toYaml().startsWith(ConfigYaml.HEADER + "\nname: t\nseed: 1\nexperiment: toy\ndata:\n  source: synthetic\n"));
    }
}
