package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    private static LoadReport report() {
        return LoadReport.builder("six hand-written rows")
                .rawCounts(3, 5, 8)
                .drop("ratings of items without a domain", 2)
                .drop("items without a domain", 1)
                .drop("ratings of items without a domain", 0)
                .warn("u.data: SHA-256 differs from the official release")
                .build(SmallData.sixRows());
    }

    @Test
    void perDomainCountsAndSparsity() {
        LoadReport r = report();
        // A: users {u0,u1}, items {i0,i1}, 3 ratings -> sparsity 1 - 3/4. B: users {u0,u1,u2}, items {i2,i3},
        // 3 ratings -> 1 - 3/6.
        assertEquals(new DomainSummary("A", 2, 2, 3), r.domains().get(0));
        assertEquals(new DomainSummary("B", 3, 2, 3), r.domains().get(1));
        assertEquals(0.25, r.domains().get(0).sparsity(), 1e-15);
        assertEquals(0.5, r.domains().get(1).sparsity(), 1e-15);
        assertEquals(new DomainSummary("all", 3, 4, 6), r.total());
        assertEquals(0.5, r.total().sparsity(), 1e-15);
    }

    @Test
    void overlapMatrix() {
        // u0 and u1 rated in both A and B; u2 only in B.
        assertArrayEquals(new int[][] {{2, 2}, {2, 3}}, report().userOverlapMatrix());
        assertEquals(2, report().userOverlap(1, 0));
    }

    @Test
    void rawCountsDropsAndWarnings() {
        LoadReport r = report();
        assertEquals(3, r.rawUsers());
        assertEquals(5, r.rawItems());
        assertEquals(8, r.rawRatings());
        assertEquals(Map.of("ratings of items without a domain", 2L, "items without a domain", 1L), r.dropped());
        assertEquals(List.of("u.data: SHA-256 differs from the official release"), r.warnings());
    }

    @Test
    void textRendersEverySection() {
        String text = report().toText();
        String expected = String.join("\n",
                "Data: six hand-written rows",
                "Read: 8 ratings, 3 users, 5 items",
                "Kept: 6 ratings, 3 users, 4 items in 2 domains (sparsity 50.00%)",
                "Domains:",
                "  domain     users     items     ratings  sparsity",
                "  A              2         2           3    25.00%",
                "  B              3         2           3    50.00%",
                "User overlap (users with ratings in both domains):",
                "               A       B",
                "  A            2       2",
                "  B            2       3",
                "Dropped:",
                "  ratings of items without a domain: 2",
                "  items without a domain: 1",
                "Warnings:",
                "  u.data: SHA-256 differs from the official release",
                "");
        assertEquals(expected, text);
        assertEquals(text, report().toString());
    }

    @Test
    void emptySectionsSayNothing() {
        String text = LoadReport.builder("x").build(SmallData.sixRows()).toText();
        assertTrue(text.contains("Dropped: nothing\n"), text);
        assertTrue(text.contains("Warnings: none\n"), text);
    }

    @Test
    void negativeDropIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadReport.builder("x").drop("lines", -1));
        assertEquals("dropped 'lines': expected a count >= 0, found -1", e.getMessage());
    }
}
