package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metarec.core.random.Rng;

/**
 * The loaders' allocation-free paths against the JDK as the oracle: {@link Fields#parseDouble} gives the bits of
 * {@link Double#parseDouble} (edge cases first, then seeded random decimals of every length, which cross the
 * fast path's 15-digit limit), and {@link ByteIdTable} indexes ids as a {@code HashMap} keyed by (tag, text) does.
 */
class FastParsingTest {

    @TempDir
    Path dir;

    @Test
    void parseDoubleMatchesTheJdkBitForBit() throws IOException {
        List<String> cases = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "5", "4.5", " 3 ", "1.", ".5", "-.5",
                "0.1", "0.3", "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000001",
                "1e3", "2.5E-3", "007", "3.000000000000000001", "-12.75", "1.7976931348623157e308"));
        Rng rng = Rng.seeded(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(rng.nextInt(4) == 0 ? "-" : "");
            int whole = 1 + rng.nextInt(12);
            for (int k = 0; k < whole; k++) {
                s.append((char) ('0' + rng.nextInt(10)));
            }
            if (rng.nextInt(3) > 0) {
                s.append('.');
                int fraction = 1 + rng.nextInt(10);
                for (int k = 0; k < fraction; k++) {
                    s.append((char) ('0' + rng.nextInt(10)));
                }
            }
            cases.add(s.toString());
        }
        Path file = dir.resolve("numbers.txt");
        Files.write(file, cases, StandardCharsets.US_ASCII);
        Fields fields = new Fields();
        try (LineReader in = LineReader.open(file, "numbers.txt", false)) {
            for (String expected : cases) {
                assertTrue(in.next());
                fields.split(in, new byte[] {','});
                double want = Double.parseDouble(expected.trim());
                double got = fields.parseDouble(0, "x");
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                        "'" + expected + "': expected " + want + ", found " + got);
            }
        }
    }

    @Test
    void parseDoubleStillRefusesWhatItRefused() throws IOException {
        Path file = dir.resolve("bad.txt");
        List<String> bad = List.of("", "-", ".", "1.2.3", "5d", "NaN", "Infinity", "1e999", "4,5", "--1", "1-");
        Files.write(file, bad, StandardCharsets.US_ASCII);
        Fields fields = new Fields();
        try (LineReader in = LineReader.open(file, "bad.txt", false)) {
            for (String s : bad) {
                assertTrue(in.next());
                fields.split(in, new byte[] {';'});
                MalformedDataException e = assertThrows(MalformedDataException.class, () -> fields.parseDouble(0, "x"),
                        "'" + s + "'");
                assertTrue(e.getMessage().contains("expected x as a finite number"), e.getMessage());
            }
        }
    }

    @Test
    void byteIdTableIndexesLikeAHashMapOfText() {
        for (long seed = 1; seed <= 5; seed++) {
            Rng rng = Rng.seeded(seed);
            ByteIdTable table = new ByteIdTable();
            Map<String, Integer> oracle = new HashMap<>();
            List<String> order = new ArrayList<>();
            // Short ids over a small alphabet collide often; 3 tags make the same text under two tags two ids.
            for (int i = 0; i < 30_000; i++) {
                int tag = rng.nextInt(3);
                int length = rng.nextInt(6);
                StringBuilder id = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    id.append("ab\u00e9z09".charAt(rng.nextInt(6)));
                }
                byte[] line = ("x" + id + "y").getBytes(StandardCharsets.UTF_8);
                int got = table.add(tag, line, 1, line.length - 1);
                String key = tag + "|" + id;
                Integer want = oracle.get(key);
                if (want == null) {
                    want = oracle.size();
                    oracle.put(key, want);
                    order.add(key);
                }
                assertEquals(want, got, "seed " + seed + ", step " + i + ", id '" + key + "'");
            }
            assertEquals(oracle.size(), table.size());
            for (int k = 0; k < table.size(); k++) {
                assertEquals(order.get(k), table.tag(k) + "|" + table.text(k, StandardCharsets.UTF_8));
            }
        }
    }
}
