package org.metarec.algorithms.rec.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.SlotMode;
import org.metarec.algorithms.rec.model.MamoModel;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.TaNPModel;
import org.metarec.autodiff.Params;
import org.metarec.core.data.SideFeatures;
import org.metarec.core.random.Rng;

/**
 * Without item features (Douban, rating-only Amazon files) MAMO's and TaNP's field embeddings embed the item's ID:
 * two items of the same domain get different predictions for the same user, the table has one row per item, the
 * training gradient reaches it (finite differences), and with item features there is no ID table.
 */
class ItemIdFieldTest {

    private static final BatchFactory NO_ITEM_FEATURES = new BatchFactory(ColdStartFixture.TINY.interactions(),
            ColdStartFixture.USERS, FeatureEncoding.of(SideFeatures.none(ColdStartFixture.TINY.interactions().itemCount())),
            null);

    private static List<RecModel> models(BatchFactory f) {
        return List.of(new TaNPModel(ColdStartFixture.inputs(f), 2, new int[] {3}, new TaNPModel.Shape(2, 3, 2, 1.0, false)),
                new MamoModel(ColdStartFixture.inputs(f), 2, new int[] {3}));
    }

    @Test
    void itemsWithoutFeaturesAreToldApartByTheirIds() {
        // rows 0 and 1: user 0 rates items 0 and 1, both in domain 0
        RatingBatch first = NO_ITEM_FEATURES.rows(new int[] {0}, SlotMode.SINGLE);
        RatingBatch second = NO_ITEM_FEATURES.rows(new int[] {1}, SlotMode.SINGLE);
        assertEquals(first.users()[0], second.users()[0]);
        assertEquals(first.domains()[0], second.domains()[0]);
        for (RecModel m : models(NO_ITEM_FEATURES)) {
            Params p = m.init(Rng.seeded(5));
            assertTrue(p.contains("emb.item.id"), m.name());
            assertEquals(ColdStartFixture.TINY.interactions().itemCount(), p.get("emb.item.id").rows(), m.name());
            assertNotEquals(m.apply(p, first).item(), m.apply(p, second).item(), m.name());
        }
        for (RecModel m : models(ColdStartFixture.WITHOUT_PROFILES)) {
            assertFalse(m.init(Rng.seeded(5)).contains("emb.item.id"), m.name() + " has item features");
        }
    }

    @Test
    void tanpsTrainingGradientReachesTheIdTable() {
        TaNPModel model = (TaNPModel) models(NO_ITEM_FEATURES).get(0);
        TaNP learner = new TaNP(model, 8, new TaNP.Clustering(0.5, 1.0));
        Params meta = model.init(Rng.seeded(8));
        List<Task<RatingBatch>> tasks = ColdStartFixture.tasks(NO_ITEM_FEATURES, false);
        Params grad;
        try (TaskPool pool = new TaskPool(1)) {
            grad = pool.step(learner, meta, tasks).gradient();
        }
        double norm = 0;
        for (double g : grad.get("emb.item.id").toArray()) {
            norm += g * g;
        }
        assertTrue(norm > 0, "the item table is trained");
        // the objective with the regulariser's target held at meta, as the meta-step holds it
        ColdStartFixture.checkAgainstFiniteDifferences(p -> ColdStartFixture.metaLoss(learner, p, tasks)
                + heldClustering(learner, model, meta, p, tasks), meta, grad, List.of("emb.item.id", "tanp.clusters"), 6,
                "no item features");
    }

    private static double heldClustering(TaNP learner, TaNPModel model, Params at, Params p, List<Task<RatingBatch>> tasks) {
        org.metarec.autodiff.Tensor r0 = identities(model, at, tasks);
        org.ejml.data.DMatrixRMaj held = TaNP.sharpenedTarget(
                TaNP.studentTAssignments(r0, at.get(TaNPModel.CLUSTERS), learner.clustering().alpha()).data());
        return learner.clustering().weight() * TaNP.klToTarget(held, TaNP.studentTAssignments(identities(model, p, tasks),
                p.get(TaNPModel.CLUSTERS), learner.clustering().alpha())).item();
    }

    private static org.metarec.autodiff.Tensor identities(TaNPModel model, Params p, List<Task<RatingBatch>> tasks) {
        return org.metarec.autodiff.Ops.concatRows(tasks.stream().map(t -> model.taskIdentity(p, t.support()))
                .toArray(org.metarec.autodiff.Tensor[]::new));
    }
}
