package org.metarec.experiments.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates {@code docs/configs.md} from the per-kind schemas, so the documentation lists exactly the keys, types,
 * bounds and defaults that validation enforces for each experiment kind (a test compares the committed file with
 * this output).
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /**
     * One experiment kind as the reference documents it.
     *
     * @param name        the value of {@code experiment}
     * @param description one sentence
     * @param schema      the schema of a config it runs ({@link ConfigSchema#forKind})
     */
    public record KindSchema(String name, String description, ObjectSpec schema) {
    }

    /**
     * The Markdown reference: an introduction, then for each kind the tables of the keys it accepts, one table per
     * mapping, depth first.
     */
    public static String markdown(List<KindSchema> kinds) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("<!-- Generated from org.metarec.experiments.config.ConfigSchema by `metarec config-docs > docs/configs.md`.\n");
        out.append("     Do not edit by hand: a test fails when this file and the schema differ. -->\n\n");
        out.append("""
                A run is fully described by one YAML 1.2 file (core schema). Rules that apply to every key:

                - `extends: other.yaml` at the top level merges this file over another one (relative to this file;
                  chains are followed, cycles are errors). Mappings merge key by key; lists and scalars are replaced.
                - `metarec run CONFIG --set path.to.key=value` overrides one key after `extends`; the value is read as
                  YAML (`--set model.hidden=[64,64]`, `--set data.source=sinusoid`).
                - A key given as `null` (or left empty) takes its default. Keys marked "only when" must be absent
                  unless the condition holds, and are left out of the resolved config otherwise.
                - Relative paths are relative to the file that contains them (the working directory for `--set`).
                - Validation runs before anything else and reports every problem at once, each as
                  `file:LINE:COL: key.path: what was expected, what was found` (exit code 2).
                - Each experiment kind (`experiment:`) accepts only the keys it reads, listed below kind by kind; any
                  other key is an error naming the kind, so no setting is silently ignored.
                - The resolved config, with every default filled in, is written to `config.resolved.yaml` in the run
                  folder; its SHA-256 is recorded in `provenance.json`.

                """);
        out.append("Experiment kinds:\n\n");
        for (KindSchema kind : kinds) {
            out.append("- `").append(kind.name()).append("`: ").append(escape(kind.description())).append('\n');
        }
        out.append('\n');
        for (KindSchema kind : kinds) {
            out.append("## Kind `").append(kind.name()).append("`\n\n").append(kind.description()).append("\n\n");
            sections(kind.schema(), out);
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static void sections(ObjectSpec root, StringBuilder out) {
        List<Section> sections = new ArrayList<>();
        collect(root, "", null, sections);
        for (Section s : sections) {
            out.append(s.path.isEmpty() ? "### Top level" : "### `" + s.path + "`").append("\n\n");
            if (s.key != null) {
                out.append(escape(s.key.doc())).append(s.key.when() != null ? " " + onlyWhen(s.key) : "").append("\n\n");
            }
            out.append("| Key | Expected | Default | Description |\n|---|---|---|---|\n");
            for (KeySpec k : s.spec.keys()) {
                String expected = k.spec() instanceof ObjectSpec ? "a mapping (section `" + ObjectSpec.join(s.path, k.name()) + "`)"
                        : k.spec().describe();
                String doc = k.doc() + (k.when() != null ? " " + onlyWhen(k) : "");
                out.append("| `").append(k.name()).append("` | ").append(escape(expected)).append(" | ")
                        .append(defaultText(k)).append(" | ").append(escape(doc)).append(" |\n");
            }
            if (!s.spec.rules().isEmpty()) {
                out.append("\nChecks: ");
                for (int i = 0; i < s.spec.rules().size(); i++) {
                    out.append(i > 0 ? "; " : "").append(s.spec.rules().get(i).doc());
                }
                out.append(".\n");
            }
            out.append('\n');
        }
    }

    private record Section(String path, KeySpec key, ObjectSpec spec) {
    }

    private static void collect(ObjectSpec spec, String path, KeySpec key, List<Section> out) {
        out.add(new Section(path, key, spec));
        for (KeySpec k : spec.keys()) {
            if (k.spec() instanceof ObjectSpec child) {
                collect(child, ObjectSpec.join(path, k.name()), k, out);
            }
        }
    }

    private static String onlyWhen(KeySpec k) {
        return "Only when `" + k.when().sibling() + "` is " + k.when().describeValues() + ".";
    }

    private static String defaultText(KeySpec k) {
        if (k.spec() instanceof ObjectSpec) {
            return "(section)";
        }
        return switch (k.presence()) {
            case REQUIRED -> "**required**";
            case OPTIONAL, LEFT_OUT -> "none (optional)";
            case DEFAULT -> "`" + escape(ConfigYaml.flow(k.defaultValue())) + "`";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
