package org.metarec.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metarec.core.json.Json;
import org.metarec.core.json.JsonValues;

/** {@code metarec metagrad}: a case without its expected object gives PyTorch's numbers, with the same keys. */
class MetagradCommandTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"maml-tanh-mse-2step", "reptile-tanh-bce-2step-4tasks", "hvp-sigmoid-mse",
        "anil-metasgd-tanh-bce-2step", "lslr-relu-bce-3step", "msl-sigmoid-mse-3step", "imaml-tanh-mse"})
    void printsTheExpectedKeysAndValuesWithoutBeingGivenThem(String name) throws Exception {
        Path resource = Path.of(getClass().getResource("/reference/metagrad/" + name + ".json").toURI());
        Map<String, Object> c = new LinkedHashMap<>(JsonValues.object(
                Json.parse(Files.readString(resource), name), name, ""));
        Map<String, Object> expected = JsonValues.object(c.remove("expected"), name, "expected");
        Path stripped = tmp.resolve(name + ".json");
        Files.writeString(stripped, Json.write(c));

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"metagrad", stripped.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Map<String, Object> got = JsonValues.object(Json.parse(out.toString(StandardCharsets.UTF_8), "stdout"), "stdout", "");
        assertEquals(expected.keySet(), got.keySet());
        compare(name, expected, got);
    }

    @Test
    void checkComparesEveryCaseOfAFolderWithItsExpectedObject() throws Exception {
        Path dir = Path.of(getClass().getResource("/reference/metagrad").toURI());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"metagrad", "--check", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("imaml-sigmoid-bce: match ("), text);
        assertTrue(text.endsWith("24 of 24 cases match to 1e-8 + 1e-6 |want|" + System.lineSeparator()), text);
    }

    @Test
    void checkReportsACaseThatDiffers() throws Exception {
        Path resource = Path.of(getClass().getResource("/reference/metagrad/msl-sigmoid-mse-3step.json").toURI());
        Map<String, Object> c = new LinkedHashMap<>(JsonValues.object(Json.parse(Files.readString(resource), "msl"), "msl", ""));
        Map<String, Object> expected = new LinkedHashMap<>(JsonValues.object(c.get("expected"), "msl", "expected"));
        expected.put("meta_loss", ((Number) expected.get("meta_loss")).doubleValue() * (1 + 1e-5));
        c.put("expected", expected);
        Path changed = tmp.resolve("msl-changed.json");
        Files.writeString(changed, Json.write(c));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"metagrad", "--check", changed.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(ExitCodes.RUN_FAILED, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("DIFFERS (worst"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMalformedCaseIsAUsageErrorNamingTheKey() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"metarec-metagrad-case/1\", \"model\": {\"type\": \"mlp\"}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new String[] {"metagrad", bad.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + bad + ": model.sizes: expected this key, found it missing"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private static void compare(String where, Object want, Object got) {
        if (want instanceof Number w) {
            double a = w.doubleValue(), b = ((Number) got).doubleValue();
            if (!(Math.abs(a - b) <= 1e-8 + 1e-6 * Math.abs(a))) {
                fail(where + ": want " + a + ", got " + b);
            }
        } else if (want instanceof Map<?, ?> wm) {
            Map<?, ?> gm = (Map<?, ?>) got;
            assertEquals(wm.keySet(), gm.keySet(), where);
            wm.forEach((k, v) -> compare(where + "." + k, v, gm.get(k)));
        } else if (want instanceof List<?> wl) {
            List<?> gl = (List<?>) got;
            assertEquals(wl.size(), gl.size(), where);
            for (int i = 0; i < wl.size(); i++) {
                compare(where + "[" + i + "]", wl.get(i), gl.get(i));
            }
        } else {
            fail(where + ": unexpected " + want);
        }
    }
}
