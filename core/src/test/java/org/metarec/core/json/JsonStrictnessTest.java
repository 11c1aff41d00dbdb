package org.metarec.core.json;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metarec.core.random.Rng;

/** The JSON writer/reader: exact doubles, stable text, clear errors. */
class JsonStrictnessTest {

    private static double roundTrip(double d) {
        Map<String, Object> m = Map.of("v", d);
        return (Double) ((Map<?, ?>) Json.parse(Json.write(m), "test")).get("v");
    }

    @Test
    void awkwardDoublesRoundTripBitForBit() {
        double[] awkward = {0.1 + 0.2, 1.0 / 3, -0.0, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-310, 2e23,
            9007199254740993.0, 4.35, 1e21, 1e-7, 123456789012345.67, Math.PI, Math.ulp(1.0), 1.0 + Math.ulp(1.0)};
        for (double d : awkward) {
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(roundTrip(d)), "value " + d);
        }
    }

    @Test
    void randomBitPatternsRoundTrip() {
        long seed = 20240601L;
        Rng rng = Rng.seeded(seed);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(roundTrip(d)), "seed " + seed + ", case " + i + ": " + d);
        }
    }

    @Test
    void nonFiniteNumbersAreRejectedNamingTheirPath() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mean", Double.NaN);
        Map<String, Object> m = Map.of("results", List.of(Map.of(), row));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(m));
        assertEquals("$.results[1].mean: JSON cannot hold NaN; expected a finite number", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
    }

    @Test
    void prettyPrintedTextIsStable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"q\"\n\u0001é");
        m.put("n", 3L);
        m.put("xs", List.of(1.5, -2L));
        m.put("empty", List.of());
        m.put("rows", List.of(Map.of("k", true)));
        m.put("none", null);
        String expected = "{\n  \"name\": \"a \\\"q\\\"\\n\\u0001é\",\n  \"n\": 3,\n  \"xs\": [1.5, -2],\n  \"empty\": [],\n"
                + "  \"rows\": [\n    {\n      \"k\": true\n    }\n  ],\n  \"none\": null\n}\n";
        assertEquals(expected, Json.write(m));
        assertEquals(m, Json.parse(expected, "test"));
    }

    @Test
    void parsesStandardJson() {
        Object v = Json.parse(" {\"a\": [1, 2.5e3, -0.5, true, false, null, \"\\u00e9\\ud83d\\ude00\\/\"], \"b\": {}} ", "t");
        List<Object> a = new ArrayList<>(Arrays.asList(1L, 2500.0, -0.5, true, false, null, "é\ud83d\ude00/"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", a);
        expected.put("b", Map.of());
        assertEquals(expected, v);
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        // The missing comma is noticed at the next key, the 3rd character of line 2.
        assertEquals("f.json:2:3: expected ',' or '}', found '\"'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1\n  \"b\": \"b\"}", "f.json")).getMessage());
    }

    @Test
    void otherSyntaxErrors() {
        assertEquals("f:1:1: expected a value, found end of input", message(""));
        assertEquals("f:1:1: expected a value, found ']'", message("]"));
        assertEquals("f:1:3: expected end of input, found 'x'", message("1 x"));
        // The repeated key starts at the 8th character.
        assertEquals("f:1:8: expected a key not seen before in this object (\"a\" is repeated), found '\"'",
                message("{\"a\":1,\"a\":2}"));
        assertEquals("f:1:1: expected a number within the range of a double, found '1'", message("1e999"));
        assertEquals("f:1:3: expected a digit after '.', found end of input", message("1."));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Json.parse(text, "f")).getMessage();
    }
}
