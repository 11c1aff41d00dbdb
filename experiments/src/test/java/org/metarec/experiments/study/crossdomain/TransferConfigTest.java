package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.TestFiles;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigProblem;

/** The crossdomain transfer keys: variant names, their model and sources rule, and the support order, at their keys. */
class TransferConfigTest {

    @TempDir
    Path dir;

    private Path file(String methods, String extra) {
        return TestFiles.write(dir, "c.yaml", "name: t\nexperiment: crossdomain\nmethods: " + methods + "\n" + extra);
    }

    private static List<String> problems(Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentKinds.loader().load(file, List.of()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void variantsAndTheirKeysResolve() {
        Config c = ExperimentKinds.loader().load(file("[maml.src, pretrained.profile, maml.nosrc, transfer_bias]",
                "model:\n  type: mf\ncrossdomain:\n  support_order: temporal\n  warm_users: 7\n"), List.of());
        assertEquals(List.of("maml.src", "pretrained.profile", "maml.nosrc", "transfer_bias"), c.getStringList("methods"));
        assertEquals("temporal", c.getString("crossdomain.support_order"));
        assertEquals(7, c.getInt("crossdomain.warm_users"));
        Config d = ExperimentKinds.loader().load(file("[maml]", ""), List.of());
        assertEquals("random", d.getString("crossdomain.support_order"));
        assertEquals(0, d.getInt("crossdomain.warm_users"));
    }

    @Test
    void aSourceEmbeddingNeedsUserTablesAndTheSources() {
        Path f = file("[maml.src]", "model:\n  type: melu\n");
        List<String> p = problems(f);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("methods: expected no maml.src with model.type melu"), p.get(0));
        f = file("[pretrained.profile]", "model:\n  type: mf\ncrossdomain:\n  use_sources: false\n");
        p = problems(f);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("expected no pretrained.profile with crossdomain.use_sources false"), p.get(0));
        f = file("[pretrained.nosrc]", "");
        p = problems(f);
        assertTrue(p.get(0).contains("methods") && p.get(0).contains("maml.src"), p.get(0));
        f = file("[maml]", "crossdomain:\n  support_order: latest\n");
        p = problems(f);
        assertTrue(p.get(0).contains("crossdomain.support_order: expected one of random, temporal, found 'latest'"), p.get(0));
    }
}
