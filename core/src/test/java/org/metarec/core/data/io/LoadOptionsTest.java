package org.metarec.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAreStrictWithChecksums() {
        assertFalse(LoadOptions.DEFAULT.skipBadLines());
        assertTrue(LoadOptions.DEFAULT.verifyChecksums());
        assertTrue(LoadOptions.skippingBadLines().skipBadLines());
        assertEquals(1, LoadOptions.DEFAULT.threads());
        assertEquals(new LoadOptions(true, true, 3), LoadOptions.skippingBadLines().withThreads(3));
        assertEquals("load options: expected threads >= 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> LoadOptions.DEFAULT.withThreads(0)).getMessage());
    }

    @Test
    void domainAssignmentValidation() {
        assertEquals("genres as domains: expected at least one genre, found none",
                assertThrows(IllegalArgumentException.class, () -> DomainAssignment.byGenres(List.of())).getMessage());
        assertEquals("genres as domains[1]: expected distinct genres, found 'drama' twice",
                assertThrows(IllegalArgumentException.class,
                        () -> DomainAssignment.byGenres(List.of("Drama", "drama"))).getMessage());
        assertEquals("single domain: expected a non-blank name, found ''",
                assertThrows(IllegalArgumentException.class, () -> DomainAssignment.single("")).getMessage());
    }
}
