package org.metarec.experiments.study.crossdomain;

import java.util.List;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.study.rec.RecMethod;

/** Protocols with small training budgets for the study tests. */
final class StudyBudgets {

    private StudyBudgets() {
    }

    /** The default split of the synthetic tests: sources d0, d1; target d2; the given beta and K. */
    static ColdStartSplit.Config split(double beta, int k) {
        return CrossDomainProtocol.split(List.of("d0", "d1"), "d2", beta, k);
    }

    /**
     * The default protocol with the given budgets.
     *
     * @param metaIterations meta-learners' outer steps (also the mapping methods' steps)
     * @param epochs pooled epochs
     * @param validateEvery steps between validation scorings
     */
    static CrossDomainProtocol protocol(String method, String model, long seed, ColdStartSplit.Config split,
            int metaIterations, int epochs, int validateEvery) {
        CrossDomainProtocol p = CrossDomainProtocol.defaults(RecMethod.named(method), model, seed, split);
        return p.withTraining(p.training().withBudgets(metaIterations, epochs, metaIterations, validateEvery));
    }
}
