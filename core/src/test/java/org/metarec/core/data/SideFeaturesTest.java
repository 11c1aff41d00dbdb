package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideFeaturesTest {

    /** Three users: gender {M, F}, genres liked (multi-hot over 3), age (numeric). */
    private static SideFeatures users() {
        return SideFeatures.builder(3)
                .categorical("gender", List.of("M", "F"), new int[] {1, 0, -1})
                .multiHot("genres", List.of("Action", "Comedy", "Drama"), new int[][] {{2, 0}, {}, {1}})
                .numeric("age", new double[] {20, 30, 40})
                .build();
    }

    @Test
    void layoutIsFieldsConcatenated() {
        SideFeatures f = users();
        // gender: slots 0-1, genres: 2-4, age: 5.
        assertEquals(6, f.vocabularySize());
        assertEquals(0, f.offset("gender"));
        assertEquals(2, f.offset("genres"));
        assertEquals(5, f.offset("age"));
        assertEquals("gender=F", f.featureName(1));
        assertEquals("genres=Drama", f.featureName(4));
        assertEquals("age", f.featureName(5));
    }

    @Test
    void indexListsAndDenseVectorsAgree() {
        SideFeatures f = users();
        assertArrayEquals(new int[] {1, 2, 4, 5}, f.featureIndices(0));
        assertArrayEquals(new double[] {1, 1, 1, 20}, f.featureValues(0));
        assertArrayEquals(new double[] {0, 1, 1, 0, 1, 20}, f.dense(0));
        assertArrayEquals(new int[] {0, 5}, f.featureIndices(1));
        // Missing gender: no index, zero block.
        assertArrayEquals(new int[] {3, 5}, f.featureIndices(2));
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 40}, f.dense(2));
    }

    @Test
    void rawValueAccessors() {
        SideFeatures f = users();
        assertEquals(1, f.category("gender", 0));
        assertArrayEquals(new int[] {0, 2}, f.categories("genres", 0), "stored ascending");
        assertEquals(30.0, f.numeric("age", 1));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> f.numeric("gender", 0));
        assertEquals("feature field 'gender': expected a NUMERIC field, found CATEGORICAL", kind.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> f.offset("zip"));
        assertEquals("feature field 'zip': expected one of [gender, genres, age], found no such field",
                name.getMessage());
    }

    @Test
    void standardizedRescalesOnlyNumericFields() {
        SideFeatures s = users().standardized();
        // Ages 20, 30, 40: mean 30, population sd sqrt(200/3).
        double sd = Math.sqrt(200.0 / 3);
        assertEquals(-10 / sd, s.numeric("age", 0), 1e-12);
        assertEquals(0.0, s.numeric("age", 1), 1e-12);
        assertEquals(1, s.category("gender", 0));
        assertEquals(20.0, users().numeric("age", 0), "the original is unchanged");
    }

    @Test
    void invalidColumnsAreRejected() {
        assertEquals("feature field 'g', entity 1: expected a category code in -1..1, found 2",
                assertThrows(IllegalArgumentException.class, () -> SideFeatures.builder(2)
                        .categorical("g", List.of("M", "F"), new int[] {0, 2})).getMessage());
        assertEquals("feature field 'g': expected values for 2 entities, found 1",
                assertThrows(IllegalArgumentException.class, () -> SideFeatures.builder(2)
                        .numeric("g", new double[] {1})).getMessage());
        assertEquals("feature field 'x', entity 0: expected distinct category codes in 0..1, found [1, 1]",
                assertThrows(IllegalArgumentException.class, () -> SideFeatures.builder(1)
                        .multiHot("x", List.of("a", "b"), new int[][] {{1, 1}})).getMessage());
        assertEquals("feature field 'a', entity 0: expected a finite number, found NaN",
                assertThrows(IllegalArgumentException.class, () -> SideFeatures.builder(1)
                        .numeric("a", new double[] {Double.NaN})).getMessage());
        assertEquals("feature field 'a': expected a new field name, found it twice",
                assertThrows(IllegalArgumentException.class, () -> SideFeatures.builder(1)
                        .numeric("a", new double[] {1}).numeric("a", new double[] {2})).getMessage());
    }

    @Test
    void noneHasAnEmptyEncoding() {
        SideFeatures none = SideFeatures.none(4);
        assertEquals(4, none.entityCount());
        assertEquals(0, none.vocabularySize());
        assertArrayEquals(new int[0], none.featureIndices(3));
    }
}
