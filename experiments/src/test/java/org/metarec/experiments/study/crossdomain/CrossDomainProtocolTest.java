package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.study.rec.RecMethod;

class CrossDomainProtocolTest {

    private static final ColdStartSplit.Config SPLIT = CrossDomainProtocol.split(List.of("a", "b"), "c", 0.5, 5);

    private static void assertRejected(String expectedKey, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith("crossdomain " + expectedKey), e.getMessage());
    }

    /** The split settings are {@link ColdStartSplit.Config}'s, which name the key the same way. */
    private static void assertSplitRejected(String expectedKey, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith("cold-start " + expectedKey), e.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedNamingTheKey() {
        assertRejected("method", () -> CrossDomainProtocol.defaults("mamll", "mf", 1, SPLIT));
        assertRejected("model", () -> CrossDomainProtocol.defaults(RecMethod.MAML, "svd", 1, SPLIT));
        assertSplitRejected("sourceDomains[0]: expected a domain other than the target",
                () -> CrossDomainProtocol.split(List.of("a"), "a", 0.5, 5));
        assertSplitRejected("testRatio", () -> CrossDomainProtocol.split(List.of("a"), "c", 1.0, 5));
        assertSplitRejected("supportSize", () -> CrossDomainProtocol.split(List.of("a"), "c", 0.5, -1));
        assertSplitRejected("sourceDomains", () -> CrossDomainProtocol.split(List.of(), "c", 0.5, 5));
        assertRejected("sizes.hidden", () -> new CrossDomainProtocol.Sizes(4, new int[0], 0));
        assertRejected("sizes.weightDecay", () -> new CrossDomainProtocol.Sizes(4, new int[] {2}, -1));
        CrossDomainProtocol.Training t = CrossDomainProtocol.defaults(RecMethod.MAML, "mf", 1, SPLIT).training();
        MetaLearning.Settings m = t.meta().settings();
        assertRejected("training.innerLr", () -> new CrossDomainProtocol.MetaTraining(
                new MetaLearning.Settings(1, 1, 0, 1, 0.1, 0, 1), 0.1, 1, 0.5));
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> new FineTuning(1, new double[] {-1}));
        assertTrue(rates.getMessage().startsWith("fine-tuning rates"), rates.getMessage());
        assertRejected("training.targetTaskShare", () -> new CrossDomainProtocol.MetaTraining(m, 0.1, 1, 1.5));
        assertRejected("training.mappingLr", () -> new CrossDomainProtocol.Mapping(1, 0));
        assertRejected("useSources", () -> CrossDomainProtocol.defaults(RecMethod.EMCDR, "mf", 1, SPLIT).withSources(false));
    }

    @Test
    void defaultsAreValidForEveryMethodAndModel() {
        for (RecMethod method : CrossDomainProtocol.METHODS) {
            for (String model : org.metarec.algorithms.rec.model.RecModels.TYPES) {
                CrossDomainProtocol p = CrossDomainProtocol.defaults(method, model, 3, SPLIT);
                assertEquals(method, p.method());
                assertTrue(p.useSources());
            }
        }
        assertEquals(6, SPLIT.minTargetRatings());   // K + 1
    }
}
