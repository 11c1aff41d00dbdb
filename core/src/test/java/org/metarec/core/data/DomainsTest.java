package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainsTest {

    @Test
    void namesAndIndices() {
        Domains d = Domains.of("Books", "Movies");
        assertEquals(2, d.size());
        assertEquals("Movies", d.name(1));
        assertEquals(0, d.indexOf("Books"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Domains.of("Books", "Movies").indexOf("Music"));
        assertEquals("domain 'Music': expected one of [Books, Movies], found no such domain", e.getMessage());
    }

    @Test
    void rejectsEmptyBlankAndRepeatedNames() {
        assertEquals("domains: expected at least one domain name, found none",
                assertThrows(IllegalArgumentException.class, () -> new Domains(List.of())).getMessage());
        assertEquals("domains[1]: expected a non-blank name, found ' '",
                assertThrows(IllegalArgumentException.class, () -> Domains.of("a", " ")).getMessage());
        assertEquals("domains[2]: expected distinct names, found 'a' twice",
                assertThrows(IllegalArgumentException.class, () -> Domains.of("a", "b", "a")).getMessage());
    }
}
