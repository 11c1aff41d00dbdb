package org.metarec.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrectionTest {

    @Test
    void eachCorrectionIsItsProcedureUnderItsConfigName() {
        double[] p = {0.01, 0.04, 0.03, 0.005};   // MultipleComparisonsTest works this family by hand
        assertArrayEquals(MultipleComparisons.holm(p), Correction.byName("holm").orElseThrow().adjust(p), 0.0);
        assertArrayEquals(MultipleComparisons.benjaminiHochberg(p), Correction.byName("bh").orElseThrow().adjust(p), 0.0);
        assertEquals(List.of("holm", "bh"), Correction.configNames());
        assertTrue(Correction.byName("bonferroni").isEmpty());
    }
}
