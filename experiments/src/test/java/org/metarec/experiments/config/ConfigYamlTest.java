package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical YAML writer: stable text that reads back to the same values. */
class ConfigYamlTest {

    @Test
    void writesBlockMappingsAndFlowLists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of(1L, 2L));
        inner.put("c", null);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", 0.001);
        root.put("m", inner);
        root.put("s", "plain");
        assertEquals(ConfigYaml.HEADER + "\na: 0.001\nm:\n  b: [1, 2]\n  c: null\ns: plain\n", ConfigYaml.write(root));
    }

    @Test
    void stringsThatWouldReadAsSomethingElseAreQuoted() {
        assertEquals("\"true\"", ConfigYaml.flow("true"));
        assertEquals("\"12\"", ConfigYaml.flow("12"));
        assertEquals("\"null\"", ConfigYaml.flow("null"));
        assertEquals("\"1e3\"", ConfigYaml.flow("1e3"));
        assertEquals("\"a b\"", ConfigYaml.flow("a b"));
        assertEquals("\"Children's\"", ConfigYaml.flow("Children's"));
        assertEquals("\"tab\\there\"", ConfigYaml.flow("tab\there"));
        assertEquals("\"q\\\"\"", ConfigYaml.flow("q\""));
        assertEquals("Sci-Fi", ConfigYaml.flow("Sci-Fi"));
        assertEquals("/data/ml-100k", ConfigYaml.flow("/data/ml-100k"));
    }

    @Test
    void everyQuotedOrPlainStringReadsBack() {
        for (String s : Arrays.asList("true", "12", "null", "a b", "Children's", "tab\there", "q\"", "Sci-Fi", "~", "-", "[x]", "#c", "a: b",
                "é", "\u0001")) {
            YamlNode node = YamlReader.readValue(ConfigYaml.flow(s), Position.of("test"));
            assertEquals(s, ((YamlScalar) node).value(), "string " + s);
        }
    }

    @Test
    void doublesReadBackExactly() {
        for (double d : new double[] {1e-8, 0.1, 1.0 / 3, 123456789.123, -2.5e-300, Double.MIN_VALUE, Double.MAX_VALUE}) {
            YamlNode node = YamlReader.readValue(ConfigYaml.flow(d), Position.of("test"));
            assertEquals(d, ((YamlScalar) node).value(), "double " + d);
        }
    }
}
