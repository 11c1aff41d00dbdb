package org.metarec.experiments.study.fewshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;
import org.metarec.core.random.Rng;

class FewShotStudyTest {

    private static final FewShotClasses.Settings CLASSES = new FewShotClasses.Settings(16, 8, 4, 10, 0.5);

    static FewShotProtocol small(FewShotMethod method, int iterations) {
        return new FewShotProtocol(method, 3L, CLASSES, new FewShotProtocol.Episodes(5, 3, 5),
                new FewShotProtocol.Network(new int[] {24, 24}, "relu"),
                new FewShotProtocol.Training(iterations, 4, 0.1, 3, 0.003, 0),
                new FewShotProtocol.Evaluation(60, new int[] {1, 3}, new int[] {0, 3}, 0.1));
    }

    @Test
    void tasksHaveDistinctClassesLabelledInOrderAndTestClassesAreUnseen() {
        FewShotClasses classes = new FewShotClasses(CLASSES, Rng.derive(1, "c"));
        Rng rng = Rng.derive(1, "t");
        for (int i = 0; i < 50; i++) {
            Task<ClassBatch> t = classes.task(rng, i % 2 == 0, 5, 3, 4);
            assertEquals(15, t.support().size());
            assertEquals(20, t.query().size());
            int[] labels = t.support().labels();
            for (int r = 0; r < labels.length; r++) {
                assertEquals(r % 5, labels[r], "rows go example by example, class by class");
            }
            Task<ClassBatch> g = classes.globalTask(rng, 5, 2, 1);
            Set<Integer> global = new HashSet<>();
            Arrays.stream(g.support().labels()).forEach(global::add);
            assertEquals(5, global.size(), "five distinct classes");
            assertTrue(global.stream().allMatch(c -> c < CLASSES.trainClasses()), "training draws only training classes");
        }
    }

    @Test
    void everyMethodLearnsSomethingAndResultsDoNotDependOnThreads() {
        for (FewShotMethod m : FewShotMethod.values()) {
            FewShotStudy study = new FewShotStudy(small(m, 150));
            Map<String, double[]> one;
            Map<String, double[]> two;
            try (TaskPool p1 = new TaskPool(1); TaskPool p2 = new TaskPool(2)) {
                MetaTrainer<ClassBatch> a = study.newTrainer(p1);
                MetaTrainer<ClassBatch> b = study.newTrainer(p2);
                for (int i = 0; i < 150; i++) {
                    a.step();
                    b.step();
                }
                one = study.evaluate(a.meta(), p1);
                two = study.evaluate(b.meta(), p2);
            }
            for (String k : one.keySet()) {
                assertArrayEquals(one.get(k), two.get(k), 0.0, m + " " + k + " with 1 and 2 threads");
            }
            double adapted = mean(one.get("acc_k3@3"));
            assertTrue(adapted > 0.4, m + ": 5-way accuracy after 3 steps " + adapted + ", chance is 0.2");
        }
    }

    @Test
    void prototypicalNetworksNeedNoStepsWhileGradientMethodsStartAtChance() {
        FewShotStudy protonet = new FewShotStudy(small(FewShotMethod.PROTONET, 0));
        FewShotStudy maml = new FewShotStudy(small(FewShotMethod.MAML, 0));
        try (TaskPool pool = new TaskPool(1)) {
            Params p = protonet.newTrainer(pool).meta();
            Map<String, double[]> r = protonet.evaluate(p, pool);
            assertArrayEquals(r.get("acc_k3@0"), r.get("acc_k3@3"), 0.0);
            Map<String, double[]> q = maml.evaluate(maml.newTrainer(pool).meta(), pool);
            // Labels are assigned per task, so an unadapted classifier is at chance on average (0.2 for 5 ways).
            assertEquals(0.2, mean(q.get("acc_k3@0")), 0.07);
        }
        assertEquals(List.of("protonet", "maml", "fomaml", "pretrained"), FewShotMethod.names());
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
