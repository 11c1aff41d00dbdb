package org.metarec.experiments.study.crossdomain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.baseline.PooledFineTuning;
import org.metarec.algorithms.rec.baseline.SourceEmbeddings;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.model.SourceEmbeddingModel;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.rec.train.TrainingContext;
import org.metarec.algorithms.rec.train.TrialBudget;
import org.metarec.algorithms.rec.train.TrainingTasks;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Params;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * Training of the methods whose user start is not their default ({@link UserStart}, {@link MethodVariant}),
 * with the source domains:
 * <ul>
 *   <li>{@code pretrained} from {@link UserStart#PROFILE}: pooled training with profiles, then every user
 *       starts from the average row (their own row is never read); from {@link UserStart#SOURCE_EMBEDDING}:
 *       pooled training without profiles, each user from their own row;</li>
 *   <li>a meta-learner from the source embedding (with or without the profile): first {@code pretrained}
 *       with the same start is trained and chosen exactly as its own row of the table would be (same streams
 *       {@code crossdomain/init} and {@code crossdomain/pooled-order}); its users' starting rows become the
 *       constant source embeddings of a {@link SourceEmbeddingModel}, and meta-training starts from the
 *       pretrained parameters with the offsets at zero, so before any meta-step a user starts from exactly
 *       the vector {@code pretrained} starts them from.</li>
 * </ul>
 */
final class TransferTraining {

    private final CrossDomainSetup setup;
    private final CrossDomainProtocol protocol;
    private final FineTuning fineTune;
    private final TrainingContext ctx;

    /**
     * @param setup the prepared split
     * @param protocol the protocol (its method is the base method)
     * @param fineTune the fine-tuning rates to choose among
     * @param ctx streams and pool; its validation users are re-read through each variant's factory
     */
    TransferTraining(CrossDomainSetup setup, CrossDomainProtocol protocol, FineTuning fineTune, TrainingContext ctx) {
        this.setup = setup;
        this.protocol = protocol;
        this.fineTune = fineTune;
        this.ctx = ctx;
    }

    /** Trains {@code method} with users starting from {@code start}. */
    CrossDomainStudy.Trained train(RecMethod method, UserStart start) {
        if (method == RecMethod.PRETRAINED) {
            PooledFineTuning.Result r = pretrained(start, MethodVariant.of(method).name() + "." + start.suffix());
            return new CrossDomainStudy.Trained(r.recommender(), r.selection());
        }
        if (method.family() != RecMethod.Family.META || !start.usesSourceEmbedding()) {
            throw new IllegalStateException("crossdomain: no transfer variant of " + method + " from " + start);
        }
        return meta(method, start);
    }

    private BatchFactory factory(UserStart start) {
        return start.usesProfile() ? setup.trainingFactory() : setup.trainingFactory().withProfiles(null);
    }

    private TrainingContext seenThrough(BatchFactory f) {
        return ctx.withValidation(new TaskEvaluator(f, setup.split().validationTasks()));
    }

    private RecModel model(BatchFactory f) {
        double mean = setup.dataset().interactions().meanRating(setup.trainingRows());
        return RecModels.create(protocol.model(), ModelInputs.of(f, mean), protocol.sizes().dim(),
                protocol.sizes().hidden());
    }

    /** Pooled training on all training rows, each user starting from their own row unless the start is the profile. */
    private PooledFineTuning.Result pretrained(UserStart start, String name) {
        return pretrained(start, name, ctx.trials());
    }

    private PooledFineTuning.Result pretrained(UserStart start, String name, TrialBudget budget) {
        BatchFactory f = factory(start);
        RecModel model = model(f);
        return PooledFineTuning.train(name, model, RatingLoss.of(model, protocol.sizes().weightDecay()), f,
                setup.trainingRows(), protocol.training().pooled(), fineTune, seenThrough(f).withTrials(budget),
                start.usesSourceEmbedding());
    }

    private CrossDomainStudy.Trained meta(RecMethod method, UserStart start) {
        BatchFactory f = factory(start);
        // The pretrained model the learner starts from is part of the method, so its selection spends from the same
        // trial budget: at most half of what is left (at least one), the rest is the meta-learner's.
        TrialBudget all = ctx.trials();
        TrialBudget stage = all.remaining() > Integer.MAX_VALUE ? TrialBudget.unlimited()
                : TrialBudget.of(Math.max(1, all.remaining() / 2));
        PooledFineTuning.Result first = pretrained(start, "pretrained", stage);
        GradientRecommender pre = (GradientRecommender) first.recommender();
        if (all.remaining() <= Integer.MAX_VALUE) {
            all.spend(stage.spent());   // an unlimited budget has nothing to charge
        }
        Map<String, org.metarec.autodiff.Tensor> embeddings = SourceEmbeddings.of(pre, f, setup.target());
        SourceEmbeddingModel model = new SourceEmbeddingModel(pre.model(), embeddings);
        // The pretrained parameters with the user tables (now offsets from each user's embedding) at zero.
        Params base = pre.startFor(new UserContext(UserContext.NEW_USER, setup.target(), null, null, new int[0],
                new double[0]));
        for (String t : model.userTables()) {
            base = base.with(t, Init.zeros(1, base.get(t).cols()));
        }
        TaskLoss<RatingBatch> loss = RatingLoss.of(model, protocol.sizes().weightDecay());
        CrossDomainProtocol.MetaTraining m = protocol.training().meta();
        int k = protocol.split().supportSize();
        TrainingTasks tasks = new TrainingTasks(f, setup.trainingRows(), setup.sources(), setup.target(), k,
                m.trainQuerySize(), m.targetTaskShare());
        MetaLearning.Result r = MetaLearning.train(method.meta(), model, loss, tasks::draw, k,
                m.forMethod(method.meta()), seenThrough(f), base);
        return new CrossDomainStudy.Trained(r.recommender(), bothStages(first.selection(), r.selection()));
    }

    /**
     * One selection for the two stages, so that every scoring the method spent is in its history: the pretrained
     * stage's checkpoints (settings prefixed {@code pretrained}) and then the meta-learner's, whose choice is kept;
     * when the pretrained stage left no trial, the meta-learner was not trained and its start, the pretrained stage's
     * choice, stands.
     */
    private static Selection bothStages(Selection pretrained, Selection meta) {
        List<Selection.Checkpoint> history = new ArrayList<>();
        Selection.Checkpoint chosen = meta.chosen();
        for (Selection.Checkpoint c : pretrained.history()) {
            Selection.Checkpoint renamed = new Selection.Checkpoint(c.step(), ("pretrained " + c.setting()).strip(),
                    c.validationRmse());
            history.add(renamed);
            if (meta.history().isEmpty() && c == pretrained.chosen()) {
                chosen = renamed;
            }
        }
        history.addAll(meta.history());
        return new Selection(history, chosen);
    }
}
