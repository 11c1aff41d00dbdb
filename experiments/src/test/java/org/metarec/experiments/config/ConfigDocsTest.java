package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.experiments.ExperimentKinds;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.TestFiles;

/** docs/configs.md is exactly what the schema generates, so the two cannot drift apart. */
class ConfigDocsTest {

    @Test
    void committedDocsMatchTheSchema() {
        Path docs = TestFiles.repositoryRoot().resolve("docs/configs.md");
        assertTrue(Files.isRegularFile(docs), docs + " is missing; generate it with: bin/metarec config-docs --out docs/configs.md");
        String expected = ExperimentKinds.docs();
        assertEquals(expected, TestFiles.read(docs),
                "docs/configs.md differs from the schema; regenerate it with: bin/metarec config-docs --out docs/configs.md");
    }

    @Test
    void everyKeyOfTheSchemaIsDocumented() {
        String docs = ExperimentKinds.docs();
        List<String> missing = new ArrayList<>();
        for (ExperimentKind kind : ExperimentKinds.builtIn()) {
            assertTrue(docs.contains("## Kind `" + kind.name() + "`"), "no section for kind " + kind.name());
            collect(ExperimentKinds.schema(kind), "", docs, missing);
        }
        assertEquals(List.of(), missing, "keys without a documented row or without a description");
    }

    private static void collect(ObjectSpec spec, String path, String docs, List<String> missing) {
        for (KeySpec k : spec.keys()) {
            String full = path.isEmpty() ? k.name() : path + "." + k.name();
            if (k.doc().isBlank() || !docs.contains("| `" + k.name() + "` |")) {
                missing.add(full);
            }
            if (k.spec() instanceof ObjectSpec child) {
                if (!docs.contains("## `" + full + "`")) {
                    missing.add(full + " (section)");
                }
                collect(child, full, docs, missing);
            }
        }
    }
}
