package org.metarec.experiments.config;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 (core schema) into {@link YamlNode} trees that keep the line and column of every key and value.
 * Only the node graph is composed (no object construction), so a file cannot make us instantiate any type;
 * explicit tags other than the core ones are rejected.
 */
public final class YamlReader {

    private YamlReader() {
    }

    /**
     * Reads a whole file that must hold exactly one YAML document.
     *
     * @param file        the file to read
     * @param displayName how the file is named in error messages (usually as the user typed it)
     * @throws ConfigException for unreadable files, syntax errors, duplicate keys or unsupported tags
     */
    public static YamlNode readFile(Path file, String displayName) {
        Problems problems = new Problems();
        YamlNode node = readFile(file, displayName, problems);
        problems.throwIfAny();
        return node;
    }

    /**
     * Like {@link #readFile(Path, String)}, but problems that still leave a usable tree (duplicate keys: the first
     * is kept; unsupported tags and malformed numbers: kept as strings) are added to {@code problems} instead of
     * thrown, so that they are reported together with the schema's problems.
     *
     * @throws ConfigException for unreadable files and syntax errors
     */
    public static YamlNode readFile(Path file, String displayName, Problems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(new ConfigProblem(Position.of(displayName), "",
                    "expected a UTF-8 text file, found bytes that are not UTF-8 (a binary file, or another encoding)"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(Position.of(displayName), "", "cannot read file: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : "input/output error")));
        }
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        return read(text, displayName, baseDir, false, problems);
    }

    /**
     * Reads one YAML value given as text, for example the right-hand side of {@code --set key=value}.
     * Every node gets the position {@code origin} because the text has no lines of its own.
     */
    public static YamlNode readValue(String text, Position origin) {
        Problems problems = new Problems();
        YamlNode node = read(text, origin.source(), origin.baseDir(), true, problems);
        problems.throwIfAny();
        return node;
    }

    private static YamlNode read(String text, String source, Path baseDir, boolean flat, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .setUseMarks(true)
                .build();
        Position fileStart = flat ? Position.of(source) : new Position(source, baseDir, 1, 1);
        YamlLimits.check(text, settings, event -> event.getStartMark()
                .map(m -> flat ? Position.of(source) : at(m, source, baseDir)).orElse(fileStart));
        Optional<Node> root;
        try {
            Composer composer = new Composer(settings, new ParserImpl(settings,
                    new StreamReader(settings, new StringReader(text))));
            root = composer.getSingleNode();
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark)
                    .map(m -> flat ? Position.of(source) : at(m, source, baseDir)).orElse(fileStart);
            throw new ConfigException(new ConfigProblem(at, "", "YAML syntax error: " + e.getProblem()));
        } catch (YamlEngineException e) {
            throw new ConfigException(new ConfigProblem(fileStart, "", "YAML syntax error: " + e.getMessage()));
        }
        if (root.isEmpty()) {
            // An empty document is a null value: for a config file that is reported by the schema as "expected a mapping".
            return new YamlScalar(fileStart, null, "");
        }
        return new Converter(source, baseDir, flat, problems).convert(root.get(), "");
    }

    private static Position at(Mark mark, String source, Path baseDir) {
        return new Position(source, baseDir, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Turns snakeyaml nodes into our immutable nodes, collecting problems instead of stopping. */
    private record Converter(String source, Path baseDir, boolean flat, Problems problems) {

        Position position(Node node) {
            if (flat) {
                return Position.of(source);
            }
            return node.getStartMark().map(m -> at(m, source, baseDir)).orElse(new Position(source, baseDir, 1, 1));
        }

        YamlNode convert(Node node, String path) {
            Position pos = position(node);
            if (node.isRecursive()) {
                problems.add(pos, path, "expected a finite (non-recursive) value, found a recursive alias");
                return new YamlScalar(pos, null, "");
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, pos, path);
            }
            if (node instanceof SequenceNode seq) {
                List<YamlNode> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    items.add(convert(item, path + "[" + items.size() + "]"));
                }
                return new YamlList(pos, items);
            }
            MappingNode map = (MappingNode) node;
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Position keyPos = position(tuple.getKeyNode());
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    problems.add(keyPos, path, "expected a plain key, found a complex (list or mapping) key");
                    continue;
                }
                String key = keyNode.getValue();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                YamlMap.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.add(keyPos, keyPath, "duplicate key (first given at " + previous.keyPosition() + ")");
                    continue;
                }
                entries.put(key, new YamlMap.Entry(keyPos, convert(tuple.getValueNode(), keyPath)));
            }
            return new YamlMap(pos, entries);
        }

        YamlScalar scalar(ScalarNode node, Position pos, String path) {
            String text = node.getValue();
            Tag tag = node.getTag();
            try {
                if (tag.equals(Tag.NULL)) {
                    return new YamlScalar(pos, null, text);
                }
                if (tag.equals(Tag.BOOL)) {
                    return new YamlScalar(pos, Boolean.valueOf(text.toLowerCase(Locale.ROOT).equals("true")), text);
                }
                if (tag.equals(Tag.INT)) {
                    return new YamlScalar(pos, parseInteger(text), text);
                }
                if (tag.equals(Tag.FLOAT)) {
                    return new YamlScalar(pos, parseFloat(text), text);
                }
                if (tag.equals(Tag.STR)) {
                    return new YamlScalar(pos, text, text);
                }
            } catch (NumberFormatException e) {
                problems.add(pos, path, "expected a" + (tag.equals(Tag.INT) ? "n integer" : " number") + ", found '" + text + "'");
                return new YamlScalar(pos, text, text);
            }
            problems.add(pos, path, "expected a plain YAML value, found the unsupported tag " + tag.getValue());
            return new YamlScalar(pos, text, text);
        }
    }

    /** Parses a YAML 1.2 core-schema integer: decimal with optional sign, {@code 0o} octal or {@code 0x} hex. */
    static Object parseInteger(String text) {
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        }
        BigInteger big = new BigInteger(digits, radix);
        if (negative) {
            big = big.negate();
        }
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** Parses a YAML 1.2 core-schema float, including {@code .inf}, {@code -.inf} and {@code .nan}. */
    static double parseFloat(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }
}
