package org.metarec.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void awkwardDoublesRoundTripExactly() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] special = {0.1, 1e-300, 4.9e-324, Double.MAX_VALUE, -0.0, 1.0 / 3, 2.0 / 3 * 1e17, 123456789.123456789};
        for (int i = 0; i < 2000; i++) {
            double d = i < special.length ? special[i] : Double.longBitsToDouble(rng.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            Object back = Json.parse(Json.write(List.of(d)), "t");
            assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(((Number) ((List<?>) back).get(0)).doubleValue()),
                    "round trip of " + d);
        }
    }

    @Test
    void parsesNestedValuesAndKeepsKeyOrder() {
        Object v = Json.parse("{\"b\": [1, 2.5, -3e2], \"a\": {\"s\": \"x\\ty\\u0041\", \"t\": true, \"n\": null}}", "t");
        Map<String, Object> m = JsonValues.object(v, "t", "");
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(List.of(1L, 2.5, -300.0), m.get("b"));
        Map<String, Object> a = JsonValues.object(m.get("a"), "t", "a");
        assertEquals("x\tyA", a.get("s"));
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(null, a.get("n"));
    }

    @Test
    void writesAndReadsBackTheSameStructure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "q\"uote");
        m.put("rows", List.of(List.of(1.5, 2.0), List.of(-0.25, 1e-9)));
        m.put("n", 3L);
        assertEquals(m, Json.parse(Json.write(m), "t"));
    }

    @Test
    void errorsNameLineColumnExpectedAndFound() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": [1, 2,, 3]\n}", "case.json"));
        assertEquals("case.json:2:14: expected a value, found ','", e.getMessage());
        e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1} x", "f"));
        assertEquals("f:1:10: expected end of input, found 'x'", e.getMessage());
        e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1, \"a\": 2}", "f"));
        assertEquals("f:1:10: expected a key not seen before in this object (\"a\" is repeated), found '\"'", e.getMessage());
    }

    @Test
    void refusesNonFiniteNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
        assertEquals("$[0]: JSON cannot hold NaN; expected a finite number", e.getMessage());
    }

    @Test
    void typedAccessNamesThePath() {
        Object v = Json.parse("{\"m\": [[1, 2], [3]]}", "c.json");
        JsonException e = assertThrows(JsonException.class,
                () -> JsonValues.matrix(JsonValues.object(v, "c.json", "").get("m"), "c.json", "m"));
        assertEquals("c.json: m[1]: expected 2 numbers like row 0, found 1", e.getMessage());
    }
}
