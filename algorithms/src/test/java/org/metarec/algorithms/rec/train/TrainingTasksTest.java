package org.metarec.algorithms.rec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.random.Rng;

class TrainingTasksTest {

    private final Dataset world = RecFixtures.world(0.5, 3).dataset();
    private final Interactions x = world.interactions();
    private final BatchFactory factory = new BatchFactory(x, FeatureEncoding.of(world.userFeatures()),
            FeatureEncoding.of(world.itemFeatures()), null);

    @Test
    void tasksAreOneUserInOneDomainWithDisjointSupportAndQueryFromTheTrainingRows() {
        int[] rows = Arrays.stream(x.allRows()).filter(r -> r % 3 != 0).toArray();   // a third of the rows withheld
        Set<Integer> usable = new HashSet<>();
        Arrays.stream(rows).forEach(usable::add);
        TrainingTasks tasks = new TrainingTasks(factory, rows, new int[] {0, 1}, 2, 5, 7, 0.5);
        Rng rng = Rng.derive(42, "test/tasks");
        int target = 0;
        for (int draw = 0; draw < 200; draw++) {
            Task<RatingBatch> t = tasks.draw(rng);
            RatingBatch s = t.support();
            RatingBatch q = t.query();
            assertEquals(5, s.size(), "draw " + draw);
            assertTrue(q.size() >= 1 && q.size() <= 7, "draw " + draw);
            RatingBatch both = s.concat(q);
            Set<Integer> itemsSeen = new HashSet<>();
            for (int k = 0; k < both.size(); k++) {
                assertEquals(both.users()[0], both.users()[k], "draw " + draw + ": one user per task");
                assertEquals(both.domains()[0], both.domains()[k], "draw " + draw + ": one domain per task");
                assertEquals(0, both.slots()[k], "draw " + draw + ": the cold-start slot");
                assertTrue(itemsSeen.add(both.items()[k]), "draw " + draw + ": support and query are disjoint");
            }
            target += both.domains()[0] == 2 ? 1 : 0;
            for (int k = 0; k < both.size(); k++) {
                int u = both.users()[k];
                int item = both.items()[k];
                boolean fromTraining = Arrays.stream(x.rowsOf(u, both.domains()[k]))
                        .anyMatch(r -> x.item(r) == item && usable.contains(r));
                assertTrue(fromTraining, "draw " + draw + ": every row is a training row");
            }
        }
        // About half the draws are target tasks: Binomial(200, 1/2) leaves [70, 130] with probability about 2e-5.
        assertTrue(target >= 70 && target <= 130, "target tasks " + target);
    }

    @Test
    void withTargetShareOneEveryTaskIsInTheTarget() {
        TrainingTasks tasks = new TrainingTasks(factory, x.allRows(), new int[] {0, 1}, 2, 3, 5, 1.0);
        Rng rng = Rng.derive(43, "test/tasks");
        for (int draw = 0; draw < 50; draw++) {
            assertEquals(2, tasks.draw(rng).query().domains()[0], "draw " + draw);
        }
        assertTrue(tasks.targetPairs() > 0 && tasks.sourcePairs() > 0);
    }
}
