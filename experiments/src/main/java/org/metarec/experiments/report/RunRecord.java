package org.metarec.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.experiments.config.ConfigYaml;
import org.metarec.experiments.config.YamlList;
import org.metarec.experiments.config.YamlMap;
import org.metarec.experiments.config.YamlNode;
import org.metarec.experiments.config.YamlReader;
import org.metarec.experiments.config.YamlScalar;
import org.metarec.core.json.Json;
import org.metarec.experiments.results.Summary;
import org.metarec.experiments.results.TrainCsv;
import org.metarec.experiments.run.RunFolder;

/**
 * What a report needs from one finished run folder: its flattened resolved config (dotted key to canonical
 * YAML text), its summary and its training curve. The config is read as plain YAML, not re-validated, so a
 * report works on another machine where the data paths do not exist.
 *
 * @param dir     the run folder
 * @param config  dotted key path to the value's canonical flow text, in file order
 * @param summary the run's summary.json
 * @param train   the run's train.csv
 */
public record RunRecord(Path dir, Map<String, String> config, Summary summary, TrainCsv train) {

    /**
     * Reads a run folder.
     *
     * @throws IllegalArgumentException when it is not a finished run (no summary.json or config.resolved.yaml)
     */
    public static RunRecord read(Path dir) throws IOException {
        RunFolder folder = new RunFolder(dir);
        if (!folder.finished() || !Files.isRegularFile(folder.file(RunFolder.CONFIG))) {
            throw new IllegalArgumentException(dir + ": expected a finished run folder (with " + RunFolder.SUMMARY_JSON
                    + " and " + RunFolder.CONFIG + "), found " + (Files.isDirectory(dir) ? "an unfinished or foreign folder" : "no folder"));
        }
        Path summaryFile = folder.file(RunFolder.SUMMARY_JSON);
        Summary summary = Summary.fromJson(Json.readFile(summaryFile), summaryFile.toString());
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(YamlReader.readFile(folder.file(RunFolder.CONFIG), folder.file(RunFolder.CONFIG).toString()), "", flat);
        return new RunRecord(dir, flat, summary, TrainCsv.read(folder.file(RunFolder.TRAIN_LOG)));
    }

    private static void flatten(YamlNode node, String path, Map<String, String> out) {
        if (node instanceof YamlMap map) {
            map.entries().forEach((k, e) -> flatten(e.value(), path.isEmpty() ? k : path + "." + k, out));
        } else if (node instanceof YamlList list) {
            out.put(path, ConfigYaml.flow(plain(list)));
        } else {
            out.put(path, ConfigYaml.flow(((YamlScalar) node).value()));
        }
    }

    private static Object plain(YamlNode node) {
        if (node instanceof YamlList list) {
            return list.items().stream().map(RunRecord::plain).toList();
        }
        if (node instanceof YamlScalar s) {
            return s.value();
        }
        return List.of();
    }
}
