package org.metarec.core.tasks;

import org.metarec.core.data.Interactions;
import org.metarec.core.synthetic.SyntheticWorld;

/** Small synthetic worlds for the task tests (fast to generate, with partial domain overlap). */
final class TaskWorlds {

    private TaskWorlds() {
    }

    static Interactions world(long seed) {
        return SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(300).withItemsPerDomain(80)
                .withMeanRatingsPerUser(25).withDomainActivity(0.7).withSeed(seed)).dataset().interactions();
    }
}
