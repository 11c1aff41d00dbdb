package org.metarec.core.tasks;

import java.util.Arrays;
import org.metarec.core.data.Interactions;
import org.metarec.core.synthetic.SyntheticWorld;

/** Fixtures for the task tests: small synthetic worlds (fast to generate, with partial domain overlap). */
final class TaskWorlds {

    private TaskWorlds() {
    }

    static Interactions world(long seed) {
        return SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(300).withItemsPerDomain(80)
                .withMeanRatingsPerUser(25).withDomainActivity(0.7).withSeed(seed)).dataset().interactions();
    }

    /** The rows of {@code a} followed by those of {@code b}. */
    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
