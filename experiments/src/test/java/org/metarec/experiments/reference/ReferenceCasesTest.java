package org.metarec.experiments.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PyTorch reference case (copied from the project's shared reference set into test
 * resources): metarec's results must equal PyTorch's to {@code 1e-8 + 1e-6 |want|}, as the
 * format requires. Metalearn cases run with 1 and with 2 threads, which must agree bit for bit.
 */
class ReferenceCasesTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(ReferenceCasesTest.class.getResource("/reference/metagrad").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void allTwentyFourCasesArePresentAndEveryAlgorithmHasOne() throws Exception {
        assertEquals(24, cases().count());
        Set<ReferenceCase.Algorithm> covered = EnumSet.noneOf(ReferenceCase.Algorithm.class);
        cases().map(ReferenceCasesTest::load).filter(c -> c.algorithm() != null).forEach(c -> covered.add(c.algorithm()));
        assertEquals(EnumSet.allOf(ReferenceCase.Algorithm.class), covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String file) {
        ReferenceCase c = load(file);
        assertNotNull(c.expected(), file + " has no expected object");
        Map<String, Object> got = ReferenceRunner.run(c, 1);
        assertFalse(c.expected().isEmpty());
        for (String key : c.expected().keySet()) {
            if (!got.containsKey(key)) {
                fail(file + ": result lacks '" + key + "'");
            }
            compare(file + ": " + key, c.expected().get(key), got.get(key));
        }
        if (c.kind().equals("metalearn")) {
            assertEquals(got, ReferenceRunner.run(c, 2), file + ": 1 and 2 threads differ");
        }
    }

    static ReferenceCase load(String file) {
        try {
            Path p = Path.of(ReferenceCasesTest.class.getResource("/reference/metagrad/" + file).toURI());
            return ReferenceCase.parse(Files.readString(p, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recursive comparison with the format's tolerance. */
    static void compare(String where, Object want, Object got) {
        if (want instanceof Number w) {
            double a = w.doubleValue(), b = ((Number) got).doubleValue();
            if (!(Math.abs(a - b) <= 1e-8 + 1e-6 * Math.abs(a))) {
                fail(where + ": want " + a + ", got " + b + " (|diff| " + Math.abs(a - b) + ")");
            }
        } else if (want instanceof Map<?, ?> wm) {
            Map<?, ?> gm = (Map<?, ?>) got;
            assertEquals(wm.keySet(), gm.keySet(), where + ": keys");
            for (Object k : wm.keySet()) {
                compare(where + "." + k, wm.get(k), gm.get(k));
            }
        } else if (want instanceof List<?> wl) {
            List<?> gl = (List<?>) got;
            assertEquals(wl.size(), gl.size(), where + ": length");
            for (int i = 0; i < wl.size(); i++) {
                compare(where + "[" + i + "]", wl.get(i), gl.get(i));
            }
        } else {
            assertEquals(want, got, where);
        }
    }
}
