package org.metarec.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edit distances checked by hand. */
class EditDistanceTest {

    @Test
    void handComputedDistances() {
        assertEquals(3, EditDistance.between("kitten", "sitting")); // k->s, e->i, +g
        assertEquals(1, EditDistance.between("ab", "ba")); // one adjacent swap
        assertEquals(3, EditDistance.between("", "abc"));
        assertEquals(0, EditDistance.between("lr", "lr"));
        assertEquals(1, EditDistance.between("lerning_rate", "learning_rate")); // one insertion
    }

    @Test
    void suggestsOnlyCloseWords() {
        assertEquals("learning_rate", EditDistance.nearest("lerning_rate", List.of("momentum", "learning_rate")));
        assertEquals("adam", EditDistance.nearest("ADAM", List.of("sgd", "adam")));
        assertNull(EditDistance.nearest("zzzz", List.of("sgd", "adam")));
    }
}
