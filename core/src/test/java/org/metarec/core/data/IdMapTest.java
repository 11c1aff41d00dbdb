package org.metarec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapTest {

    @Test
    void assignsIndicesInOrderOfFirstAppearance() {
        IdMap.Builder b = new IdMap.Builder();
        assertEquals(0, b.add("196"));
        assertEquals(1, b.add("186"));
        assertEquals(0, b.add("196"));
        assertEquals(2, b.add("22"));
        IdMap map = b.build();
        assertEquals(3, map.size());
        assertEquals("186", map.rawId(1));
        assertEquals(2, map.indexOf("22"));
        assertEquals(-1, map.indexOf("7"));
        assertTrue(map.contains("196"));
        assertFalse(map.contains("7"));
        assertEquals(List.of("196", "186", "22"), map.rawIds());
    }

    @Test
    void ofRejectsDuplicates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdMap.of(List.of("a", "b", "a")));
        assertEquals("id map: expected distinct raw ids, found 'a' at positions 0 and 2", e.getMessage());
    }

    @Test
    void sequentialAndBounds() {
        IdMap map = IdMap.sequential("u", 3);
        assertEquals(List.of("u0", "u1", "u2"), map.rawIds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.rawId(3));
        assertEquals("id index: expected 0..2, found 3", e.getMessage());
    }

    @Test
    void builtMapIsNotChangedByLaterAdds() {
        IdMap.Builder b = new IdMap.Builder();
        b.add("x");
        IdMap map = b.build();
        b.add("y");
        assertEquals(1, map.size());
        assertEquals(-1, map.indexOf("y"));
    }
}
