package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InteractionsTest {

    @Test
    void columnsAndCounts() {
        Interactions x = SmallData.sixRows();
        assertEquals(6, x.size());
        assertEquals(3, x.userCount());
        assertEquals(4, x.itemCount());
        assertEquals(2, x.domainCount());
        assertEquals(0, x.user(4));
        assertEquals(1, x.item(4));
        assertEquals(1.0, x.rating(4));
        assertEquals(0, x.domain(4));
        assertTrue(x.hasTimestamps());
        assertEquals(3L, x.timestamp(4));
        assertArrayEquals(new double[] {4, 2}, x.ratings(new int[] {2, 5}));
        // (5 + 3 + 4 + 2 + 1 + 2) / 6
        assertEquals(17.0 / 6, x.meanRating(x.allRows()), 1e-15);
    }

    @Test
    void perUserPerDomainAndPerItemRowLists() {
        Interactions x = SmallData.sixRows();
        assertArrayEquals(new int[] {0, 4, 2}, x.rowsOfUser(0), "by domain, then row");
        assertArrayEquals(new int[] {0, 4}, x.rowsOf(0, 0));
        assertArrayEquals(new int[] {2}, x.rowsOf(0, 1));
        assertArrayEquals(new int[] {}, x.rowsOf(2, 0));
        assertArrayEquals(new int[] {3}, x.rowsOf(2, 1));
        assertEquals(2, x.countOf(0, 0));
        assertEquals(0, x.countOf(2, 0));
        assertEquals(3, x.countOfUser(0));
        assertArrayEquals(new int[] {2, 5}, x.rowsOfItem(2));
        assertArrayEquals(new int[] {2, 3, 5}, x.rowsInDomain(1));
        assertEquals(3, x.countInDomain(0));
        assertArrayEquals(new int[] {0, 1}, x.usersIn(0));
        assertArrayEquals(new int[] {0, 1, 2}, x.usersIn(1));
    }

    @Test
    void rowListsAgreeWithAScanOnRandomData() {
        for (long seed = 0; seed < 20; seed++) {
            Interactions x = SmallData.random(seed, 300, 17, 23, 3);
            for (int u = 0; u < x.userCount(); u++) {
                for (int d = 0; d < x.domainCount(); d++) {
                    int uu = u;
                    int dd = d;
                    int[] expected = Arrays.stream(x.allRows())
                            .filter(r -> x.user(r) == uu && x.domain(r) == dd).toArray();
                    assertArrayEquals(expected, x.rowsOf(u, d), "seed " + seed + " user " + u + " domain " + d);
                    assertEquals(expected.length, x.countOf(u, d), "seed " + seed);
                }
                int uu = u;
                int[] all = Arrays.stream(x.allRows()).filter(r -> x.user(r) == uu).toArray();
                int[] got = x.rowsOfUser(u);
                Arrays.sort(got);
                assertArrayEquals(all, got, "seed " + seed + " user " + u);
            }
        }
    }

    @Test
    void returnedListsAreCopies() {
        Interactions x = SmallData.sixRows();
        x.rowsOfUser(0)[0] = 99;
        assertArrayEquals(new int[] {0, 4, 2}, x.rowsOfUser(0));
    }

    @Test
    void subsetKeepsIdMapsAndReordersRows() {
        Interactions x = SmallData.sixRows();
        Interactions s = x.subset(new int[] {5, 0});
        assertEquals(2, s.size());
        assertEquals(x.userIds(), s.userIds());
        assertEquals(1, s.user(0));
        assertEquals(2.0, s.rating(0));
        assertEquals(10L, s.timestamp(1));
        assertEquals(3, s.userCount(), "the index space is kept even for users without rows");
    }

    @Test
    void builderMatchesOf() {
        Interactions.Builder b = Interactions.builder(Domains.of("A", "B"), false);
        b.add(0, 1, 4.5, 1).add(1, 0, 2, 0);
        Interactions x = b.build(IdMap.sequential("u", 2), IdMap.sequential("i", 2));
        assertFalse(x.hasTimestamps());
        assertEquals(4.5, x.rating(0));
        assertEquals(1, x.domain(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.timestamp(0));
        assertEquals("interactions: expected timestamps, found a data set without them", e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.add(0, 0, 1, 0, 5L));
    }

    @Test
    void builderGrowsPastItsInitialCapacity() {
        Interactions.Builder b = Interactions.builder(Domains.of("A"), true);
        for (int r = 0; r < 5000; r++) {
            b.add(r % 7, r % 11, r % 5 + 1, 0, r);
        }
        Interactions x = b.build(IdMap.sequential("u", 7), IdMap.sequential("i", 11));
        assertEquals(5000, x.size());
        assertEquals(4999L, x.timestamp(4999));
        assertEquals(4999 % 7, x.user(4999));
    }

    @Test
    void invalidColumnsAreRejected() {
        IdMap users = IdMap.sequential("u", 2);
        IdMap items = IdMap.sequential("i", 2);
        Domains domains = Domains.of("A");
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(users, items, domains, new int[] {0, 2}, new int[] {0, 0}, new double[] {1, 1},
                        new int[] {0, 0}, null));
        assertEquals("interactions row 1: expected user index in [0, 2), found 2", range.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(users, items, domains, new int[] {0}, new int[] {0}, new double[] {Double.NaN},
                        new int[] {0}, null));
        assertEquals("interactions row 0: expected a finite rating, found NaN", nan.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Interactions.of(users, items, domains, new int[] {0}, new int[] {0, 1}, new double[] {1},
                        new int[] {0}, null));
        assertEquals("interactions: expected columns of equal length, found users 1, items 2, ratings 1, domains 1",
                len.getMessage());
    }
}
