package org.metarec.experiments.study.crossdomain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.core.stats.PairedComparison;
import org.metarec.core.stats.PairedTests;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.ColdStartSplit;

/**
 * The proof on the synthetic world (500 users, three domains, K = 10 target ratings per test
 * user, noise floor MSE 0.25), world and protocol seed 1, MAML and Meta-SGD on matrix factorisation.
 * Per-user query MSE is compared by two-sided paired t-tests over the test users.
 *
 * <ul>
 *   <li><b>Strong transfer</b> (tau = 0.9): each meta-learner's excess MSE over the noise floor is below
 *       that of target-only training and of the global mean (p &lt; 0.01), and below that of the same
 *       meta-learner trained without the source domains (p &lt; 0.01): the gain is transfer.</li>
 *   <li><b>Zero transfer</b> (tau = 0): "does not pretend to help" means the meta-learner with the source
 *       domains is <em>not</em> significantly better (p &lt; 0.05 with a lower mean) than the same
 *       meta-learner without them, and its transfer gain (ablation minus method) is smaller than under
 *       strong transfer. It is not required to lose to target-only training: what meta-learning does on the
 *       target domain alone is not transfer, and the ablation is what isolates it.</li>
 *   <li>No method's mean MSE is below the noise floor, which no predictor can beat in expectation (a test
 *       user's query ratings leaking into training would show up here).</li>
 * </ul>
 */
class TransferClaimsTest {

    private static final String[] META = {"maml", "metasgd"};
    private static Map<String, double[]> strong;
    private static Map<String, double[]> none;
    private static double floor;

    @BeforeAll
    static void runBothWorlds() {
        try (TaskPool pool = new TaskPool(2)) {
            strong = perUserMse(RecFixtures.world(0.9, 1), pool);
            SyntheticWorld zero = RecFixtures.world(0.0, 1);
            none = perUserMse(zero, pool);
            floor = zero.noiseFloorMse();
        }
    }

    /** Per-test-user query MSE of every compared method; "-alone" marks the ablation without sources. */
    private static Map<String, double[]> perUserMse(SyntheticWorld world, TaskPool pool) {
        ColdStartSplit.Config split = StudyBudgets.split(0.3, 10);
        CrossDomainSetup setup = CrossDomainSetup.prepare(world.dataset(), split, 1);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String method : new String[] {"global_mean", "target_only", "maml", "metasgd"}) {
            CrossDomainProtocol p = StudyBudgets.protocol(method, "mf", 1, split, 300, 10, 100);
            out.put(method, squared(new CrossDomainStudy(setup, p).run(pool).perUser("rmse_user")));
            if (!method.equals("global_mean") && !method.equals("target_only")) {
                out.put(method + "-alone",
                        squared(new CrossDomainStudy(setup, p.withSources(false)).run(pool).perUser("rmse_user")));
            }
        }
        return out;
    }

    private static double[] squared(double[] rmse) {
        double[] out = rmse.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= out[i];
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static void assertSignificantlyBetter(Map<String, double[]> mse, String a, String b, double alpha) {
        PairedComparison c = PairedTests.compare(mse.get(a), mse.get(b));
        assertTrue(c.meanDifference() < 0 && c.tTestPValue() < alpha, a + " vs " + b + ": excess MSE "
                + (mean(mse.get(a)) - floor) + " vs " + (mean(mse.get(b)) - floor) + ", paired t-test p = "
                + c.tTestPValue() + " (seed 1)");
    }

    @Test
    void withStrongTransferMetaLearnersGetCloserToTheNoiseFloorThanTargetOnlyAndTheGlobalMean() {
        for (String m : META) {
            assertSignificantlyBetter(strong, m, "target_only", 0.01);
            assertSignificantlyBetter(strong, m, "global_mean", 0.01);
            assertSignificantlyBetter(strong, m, m + "-alone", 0.01);
        }
    }

    @Test
    void withZeroTransferTheSourceDomainsDoNotSignificantlyHelp() {
        for (String m : META) {
            PairedComparison c = PairedTests.compare(none.get(m), none.get(m + "-alone"));
            assertTrue(!(c.meanDifference() < 0 && c.tTestPValue() < 0.05), m + " with sources vs without, tau = 0: "
                    + "mean MSE difference " + c.meanDifference() + ", p = " + c.tTestPValue() + " (seed 1)");
            double gainNone = mean(none.get(m + "-alone")) - mean(none.get(m));
            double gainStrong = mean(strong.get(m + "-alone")) - mean(strong.get(m));
            assertTrue(gainNone < gainStrong, m + ": transfer gain " + gainNone + " at tau = 0 vs " + gainStrong
                    + " at tau = 0.9 (seed 1)");
            // It still learns the target domain itself.
            assertSignificantlyBetter(none, m, "global_mean", 0.01);
        }
    }

    @Test
    void noMethodBeatsTheNoiseFloor() {
        for (Map<String, double[]> world : java.util.List.of(strong, none)) {
            world.forEach((method, mse) -> assertTrue(mean(mse) > floor, method + ": mean MSE " + mean(mse)
                    + " is below the noise floor " + floor + " (seed 1)"));
        }
    }
}
