package org.metarec.experiments.sweep;

import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.listOf;
import static org.metarec.experiments.config.Specs.longInteger;
import static org.metarec.experiments.config.Specs.object;
import static org.metarec.experiments.config.Specs.path;
import static org.metarec.experiments.config.Specs.string;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.experiments.config.ConfigException;
import org.metarec.experiments.config.ConfigOverride;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.config.Problems;
import org.metarec.experiments.config.YamlList;
import org.metarec.experiments.config.YamlMap;
import org.metarec.experiments.config.YamlNode;
import org.metarec.experiments.config.YamlReader;
import org.metarec.experiments.config.YamlScalar;

/**
 * A parsed sweep file (see {@code docs/sweeps.md}):
 * <pre>
 * base: toy.yaml              # the config every run starts from (relative to the sweep file)
 * grid:                       # key path -> values; every combination is run (last key varies fastest)
 *   optimizer.lr: [0.01, 0.1]
 * seeds: [1, 2, 3]            # optional; default: the base config's seed
 * out: ../runs/lr-sweep       # optional, relative to the sweep file; default runs/&lt;file name&gt; in the working directory
 * </pre>
 *
 * @param file  the sweep file
 * @param base  absolute path of the base config
 * @param grid  axes in file order: key path and its value nodes (positions point into the sweep file)
 * @param seeds the seed nodes, or an empty list for the base config's own seed
 * @param out   the output folder given in the file, or null
 */
public record SweepSpec(Path file, Path base, List<Axis> grid, List<YamlScalar> seeds, Path out) {

    /**
     * One grid axis.
     *
     * @param key    dotted config key
     * @param values the values to try
     */
    public record Axis(String key, List<YamlNode> values) {
        /** Copies the values. */
        public Axis {
            values = List.copyOf(values);
        }
    }

    private static final ObjectSpec SCHEMA = object(
            key("base", path()).required().doc("The config every run starts from."),
            // The grid is checked by hand (its keys are config paths); it is listed so a typo such as 'gird' gets a suggestion.
            key("grid", object()).doc("Config key path to the values to try."),
            key("seeds", listOf(longInteger()).nonEmpty().distinct()).optional().doc("Seeds; each grid point runs once per seed."),
            key("out", string()).optional().doc("Output folder, relative to the sweep file."));

    /** Copies the lists. */
    public SweepSpec {
        grid = List.copyOf(grid);
        seeds = List.copyOf(seeds);
    }

    /**
     * Reads and checks a sweep file, reporting every problem at once as a {@link org.metarec.experiments.config.ConfigException}.
     * The values of the grid are validated later, against the base config ({@link Sweep#jobs}).
     */
    public static SweepSpec read(Path file) {
        YamlNode root = YamlReader.readFile(file, file.toString());
        Problems problems = new Problems();
        if (!(root instanceof YamlMap map)) {
            problems.add(root.position(), "", "expected a mapping with base, grid and seeds, found " + root.describe());
            problems.throwIfAny();
            throw new AssertionError("unreachable");
        }
        Map<String, YamlMap.Entry> rest = new LinkedHashMap<>(map.entries());
        YamlMap.Entry gridEntry = rest.remove("grid");
        List<Axis> axes = new ArrayList<>();
        if (gridEntry != null && !(gridEntry.value() instanceof YamlScalar s && s.isNull())) {
            if (!(gridEntry.value() instanceof YamlMap grid)) {
                problems.add(gridEntry.value().position(), "grid", "expected a mapping of config key paths to lists of values, found "
                        + gridEntry.value().describe());
            } else {
                for (Map.Entry<String, YamlMap.Entry> axis : grid.entries().entrySet()) {
                    String where = "grid." + axis.getKey();
                    YamlNode values = axis.getValue().value();
                    if (!axis.getKey().matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                        problems.add(axis.getValue().keyPosition(), where, "expected a dotted config key path such as optimizer.lr, found '"
                                + axis.getKey() + "'");
                    } else if (!(values instanceof YamlList list) || list.items().isEmpty()) {
                        problems.add(values.position(), where, "expected a non-empty list of values, found " + values.describe());
                    } else {
                        axes.add(new Axis(axis.getKey(), list.items()));
                    }
                }
            }
        }
        Object resolved = SCHEMA.resolve(new YamlMap(map.position(), rest), "", problems);
        if (problems.count() > 0) {
            checkGridDespite(file, map, axes, problems);
        }
        problems.throwIfAny();
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) resolved;
        List<YamlScalar> seeds = new ArrayList<>();
        if (values.get("seeds") != null) {
            ((YamlList) map.get("seeds")).items().forEach(n -> seeds.add((YamlScalar) n));
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path out = values.get("out") == null ? null : dir.resolve((String) values.get("out")).normalize();
        return new SweepSpec(file, Path.of((String) values.get("base")), axes, seeds, out);
    }

    /**
     * When the file has problems elsewhere (seeds, out, an unknown key) but names a readable base config, also checks
     * the grid's values against it, so that one pass reports every problem of the sweep, as for a config.
     */
    private static void checkGridDespite(Path file, YamlMap map, List<Axis> axes, Problems problems) {
        if (axes.isEmpty() || !(map.get("base") instanceof YamlScalar b) || !(b.value() instanceof String text)) {
            return;
        }
        Path base = file.toAbsolutePath().normalize().getParent().resolve(text).normalize();
        if (!Files.isRegularFile(base)) {
            return;
        }
        try {
            Sweep.jobs(new SweepSpec(file, base, axes, List.of(), null));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
    }

    /** The overrides of grid point {@code point} (one value index per axis). */
    List<ConfigOverride> overrides(int[] point) {
        List<ConfigOverride> out = new ArrayList<>();
        for (int a = 0; a < grid.size(); a++) {
            out.add(new ConfigOverride(grid.get(a).key(), grid.get(a).values().get(point[a])));
        }
        return out;
    }
}
