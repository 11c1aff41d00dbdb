package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.experiments.TestFiles;

/** The YAML 1.2 core schema and the positions of nodes. */
class YamlReaderTest {

    @TempDir
    Path dir;

    private YamlMap read(String text) {
        Path f = TestFiles.write(dir, "x.yaml", text);
        return (YamlMap) YamlReader.readFile(f, "x.yaml");
    }

    private Object value(String scalar) {
        return ((YamlScalar) read("v: " + scalar + "\n").get("v")).value();
    }

    @Test
    void coreSchemaScalars() {
        assertEquals(12L, value("12"));
        assertEquals(-12L, value("-12"));
        assertEquals(16L, value("0x10"));
        assertEquals(15L, value("0o17"));
        assertEquals(0.001, value("1e-3"));
        assertEquals(0.5, value(".5"));
        assertEquals(Double.POSITIVE_INFINITY, value(".inf"));
        assertEquals(Double.NEGATIVE_INFINITY, value("-.Inf"));
        assertEquals(Double.NaN, value(".nan"));
        assertEquals(Boolean.TRUE, value("True"));
        assertEquals(Boolean.FALSE, value("false"));
        assertNull(value("~"));
        assertNull(value(""));
        assertNull(value("null"));
        // YAML 1.1 booleans are plain strings in YAML 1.2.
        assertEquals("yes", value("yes"));
        assertEquals("on", value("on"));
        assertEquals("12", value("'12'"));
        assertEquals(new BigInteger("123456789012345678901234567890"), value("123456789012345678901234567890"));
    }

    @Test
    void positionsAreOneBasedLineAndColumn() {
        YamlMap root = read("a: 1\nb:\n  c: [x, y]\n");
        assertEquals(new Position("x.yaml", dir.toAbsolutePath().normalize(), 1, 1), root.entries().get("a").keyPosition());
        assertEquals(1, root.get("a").position().line());
        assertEquals(4, root.get("a").position().column());
        YamlMap b = (YamlMap) root.get("b");
        assertEquals(3, b.entries().get("c").keyPosition().line());
        assertEquals(3, b.entries().get("c").keyPosition().column());
        YamlList c = (YamlList) b.get("c");
        assertEquals(10, c.items().get(1).position().column()); // "  c: [x, y]": y is the 10th character
        assertEquals("x.yaml:3:10", c.items().get(1).position().toString());
    }

    @Test
    void aliasesAreExpandedAsPlainValues() {
        YamlMap root = read("a: &h [1, 2]\nb: *h\n");
        YamlList b = assertInstanceOf(YamlList.class, root.get("b"));
        assertEquals(2L, ((YamlScalar) b.items().get(1)).value());
    }

    @Test
    void overrideValuesHaveTheArgumentAsPosition() {
        YamlNode n = YamlReader.readValue("[1, 2]", Position.of("--set a=[1, 2]"));
        assertEquals("--set a=[1, 2]", ((YamlList) n).items().get(0).position().toString());
    }
}
