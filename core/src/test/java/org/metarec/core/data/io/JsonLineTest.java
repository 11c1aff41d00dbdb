package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.json.Json;
import org.metarec.core.random.Rng;

/**
 * {@link JsonLine} against the project's JSON parser ({@link Json#parse}) as the oracle, on seeded random review
 * lines whose strings mix plain text of every length (the vector search of {@link ByteScan} and its tail), escapes, quotes, control
 * characters and non-ASCII text, some of them corrupted: both accept the same lines, and on those the wanted values
 * decode to the same strings and numbers.
 */
class JsonLineTest {

    @TempDir
    Path dir;

    private static final String[] PIECES = {"a", "plain text ", "\\\"", "\\\\", "\\n", "\\u00e9", "\u00e9t\u00e9", "{[:,]}",
        "\\/", "12345678", "\t", "\u0001", "\\", "\\x", "\""};

    @Test
    void agreesWithTheJsonParserOnRandomLines() throws IOException {
        Rng rng = Rng.seeded(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            boolean clean = rng.nextInt(3) > 0;
            lines.add("{\"reviewerID\": \"" + text(rng, clean) + "\", \"reviewText\": \"" + text(rng, clean)
                    + "\", \"overall\": " + (1 + rng.nextInt(5)) + ".0, \"nested\": {\"a\": [1, \"" + text(rng, clean)
                    + "\", null]}, \"asin\": \"B" + rng.nextInt(100) + "\"}");
        }
        Path file = dir.resolve("lines.json");
        Files.write(file, lines, StandardCharsets.UTF_8);
        JsonLine json = new JsonLine("reviewerID", "asin", "overall");
        int accepted = 0;
        try (LineReader in = LineReader.open(file, "lines.json", false)) {
            for (String line : lines) {
                assertTrue(in.next());
                Map<?, ?> want = null;
                try {
                    want = (Map<?, ?>) Json.parse(line, "oracle");
                } catch (RuntimeException e) {
                    // the oracle rejects the line
                }
                boolean ok = true;
                try {
                    json.parse(in);
                } catch (MalformedDataException e) {
                    ok = false;
                }
                assertEquals(want != null, ok, line);
                if (ok) {
                    accepted++;
                    assertEquals(want.get("reviewerID"), json.text(0), line);
                    assertEquals(want.get("asin"), json.text(1), line);
                    assertEquals(((Number) want.get("overall")).doubleValue(),
                            Double.parseDouble(new String(in.buffer(), json.start(2), json.end(2) - json.start(2),
                                    StandardCharsets.US_ASCII)), line);
                }
            }
        }
        assertTrue(accepted > 1000 && accepted < 4000, "both valid and invalid lines were tried: " + accepted);
    }

    /** Up to 40 pieces; clean text uses only the valid ones (the last five pieces are invalid inside a string). */
    private static String text(Rng rng, boolean clean) {
        StringBuilder s = new StringBuilder();
        int n = rng.nextInt(40);
        for (int k = 0; k < n; k++) {
            s.append(PIECES[rng.nextInt(clean ? PIECES.length - 5 : PIECES.length)]);
        }
        return s.toString();
    }
}
