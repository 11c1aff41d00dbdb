package org.metarec.algorithms.rec.train;

import java.util.List;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;

/**
 * Meta-training of a rating model over user tasks with one of MAML, first-order MAML, Reptile,
 * Meta-SGD or ANIL, choosing the meta-parameters on the validation users: the initial parameters and
 * those after every {@code validateEvery} meta-iterations (and after the last) are scored by the mean
 * validation RMSE after adaptation, and the best is kept.
 *
 * <p>The inner loop adapts the model's {@link RecModel#localParams()} (ANIL: its
 * {@link RecModel#headParams()}; Reptile: every parameter, since its outer step moves only what the
 * inner loop moved). For matrix factorisation the head is the user's vector and bias, which are also its
 * local parameters, so ANIL and MAML coincide there (same numbers, twice the cost). With K = 0 there is nothing to adapt on, so the learners take no
 * inner steps (MAML then reduces to training the initialisation on the query sets); Reptile, whose
 * inner loop runs on the support and query sets together, keeps its steps.
 */
public final class MetaLearning {

    /**
     * Settings of a meta-training run.
     *
     * @param iterations outer steps
     * @param metaBatch tasks per outer step
     * @param innerLr inner learning rate (Meta-SGD: initial rates)
     * @param innerSteps inner steps in training and at test time
     * @param metaLr Adam's outer learning rate
     * @param clipNorm gradient clipping, 0 for none
     * @param validateEvery iterations between validation scorings
     */
    public record Settings(int iterations, int metaBatch, double innerLr, int innerSteps, double metaLr,
            double clipNorm, int validateEvery) {
        /** Validates the counts. */
        public Settings {
            if (iterations < 0 || metaBatch < 1 || innerSteps < 0 || validateEvery < 1) {
                throw new IllegalArgumentException("meta-learning settings: expected iterations >= 0, metaBatch >= 1, "
                        + "innerSteps >= 0, validateEvery >= 1; found " + this);
            }
        }

        /**
         * These settings with another inner learning rate (Reptile's, for example).
         *
         * @param lr the inner learning rate
         * @return a new settings record
         */
        public Settings withInnerLr(double lr) {
            return new Settings(iterations, metaBatch, lr, innerSteps, metaLr, clipNorm, validateEvery);
        }

        /**
         * The settings {@code method} trains with: Reptile takes its own inner learning rate (its
         * inner loop runs plain SGD over every parameter, as in Nichol et al. 2018), the others these.
         *
         * @param method the meta-learning method
         * @param reptileInnerLr Reptile's inner learning rate
         * @return these settings, or these with {@code reptileInnerLr} for Reptile
         */
        public Settings forMethod(MetaMethod method, double reptileInnerLr) {
            return method.hasOwnInnerLoop() ? withInnerLr(reptileInnerLr) : this;
        }
    }

    /**
     * The outcome.
     *
     * @param recommender the recommender at the chosen meta-parameters
     * @param meta the chosen meta-parameters
     * @param selection the validation history and the chosen checkpoint
     */
    public record Result(ColdStartRecommender recommender, Params meta, Selection selection) {}

    private MetaLearning() {
    }

    /**
     * The meta-learner of a method for a rating model: it adapts the parameters the method adapts in
     * this model ({@link MetaMethod#adaptedNames} of its local and head parameters), and Reptile trains
     * on a task's support and query ratings together.
     *
     * @param method the method
     * @param model the model (its local and head parameters)
     * @param loss the task loss
     * @param innerLr the inner learning rate
     * @param innerSteps the inner steps in meta-training
     * @return the learner
     */
    public static MetaLearner<RatingBatch> learner(MetaMethod method, RecModel model, TaskLoss<RatingBatch> loss,
            double innerLr, int innerSteps) {
        // CAVIA's context is the user's own parameters: they start at zero for every user.
        List<String> adapted = method.needsContext() ? model.userTables()
                : method.adaptedNames(model.localParams(), model.headParams());
        if (method.needsContext()) {
            if (adapted.isEmpty()) {
                throw new IllegalArgumentException(method.configName() + ": expected a model with per-user parameters "
                        + "(" + RecModels.WITH_USER_PARAMETERS + "), whose user vector is the context; this model has none");
            }
        }
        return method.learner(new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, null, RatingBatch::concat));
    }

    /**
     * The recommender of meta-parameters: every user starts from them and adapts by the learner's own
     * inner loop for {@code steps} steps.
     *
     * @param model the model
     * @param learner the learner
     * @param meta the meta-parameters
     * @param steps adaptation steps
     * @return the recommender
     */
    public static ColdStartRecommender recommender(RecModel model, MetaLearner<RatingBatch> learner, Params meta,
            int steps) {
        Params fixed = meta.detach();
        return new GradientRecommender(learner.name(), model, user -> fixed,
                (p, support) -> learner.adapt(p, support, steps));
    }

    /**
     * Meta-trains and selects on the validation users.
     *
     * @param method the meta-learning method
     * @param model the model
     * @param loss the task loss
     * @param tasks the meta-training task distribution (K support rows per task)
     * @param supportSize K
     * @param s the settings
     * @param ctx streams {@code init} and {@code train-tasks}, the pool that runs the tasks of a meta-batch
     *     and of validation, and the validation users that score checkpoints
     * @return the chosen recommender and the selection history
     */
    public static Result train(MetaMethod method, RecModel model, TaskLoss<RatingBatch> loss, TrainingTasks tasks,
            int supportSize, Settings s, TrainingContext ctx) {
        return train(method, model, loss, tasks::draw, supportSize, s, ctx);
    }

    /**
     * Meta-trains over any task distribution and selects on the validation users.
     *
     * @param method the meta-learning method
     * @param model the model
     * @param loss the task loss
     * @param tasks draws a meta-training task (support and query batches, slot 0)
     * @param supportSize the smallest support size of the drawn tasks: with 0 the learners take no inner steps
     * @param s the settings
     * @param ctx streams {@code init} and {@code train-tasks}, the pool that runs the tasks of a meta-batch
     *     and of validation, and the validation users that score checkpoints
     * @return the chosen recommender and the selection history
     */
    public static Result train(MetaMethod method, RecModel model, TaskLoss<RatingBatch> loss,
            MetaTrainer.TaskSource<RatingBatch> tasks, int supportSize, Settings s, TrainingContext ctx) {
        return train(method, model, loss, tasks, supportSize, s, ctx, null);
    }

    /**
     * As {@link #train(MetaMethod, RecModel, TaskLoss, MetaTrainer.TaskSource, int, Settings, TrainingContext)},
     * meta-training from given parameters instead of a fresh initialisation (for example a pretrained model
     * whose users start from their source embeddings).
     *
     * @param method the meta-learning method
     * @param model the model
     * @param loss the task loss
     * @param tasks draws a meta-training task
     * @param supportSize the smallest support size of the drawn tasks
     * @param s the settings
     * @param ctx streams, pool and validation users
     * @param start the model parameters meta-training starts from (cold-start form), or null for
     *     {@code model.init(ctx.rng("init"))}; not modified
     * @return the chosen recommender and the selection history
     */
    public static Result train(MetaMethod method, RecModel model, TaskLoss<RatingBatch> loss,
            MetaTrainer.TaskSource<RatingBatch> tasks, int supportSize, Settings s, TrainingContext ctx, Params start) {
        TaskPool pool = ctx.pool();
        TaskEvaluator validation = ctx.validation();
        MetaLearner<RatingBatch> learner = learner(method, model, loss, s.innerLr(), s.innerSteps());
        if (supportSize == 0 && !learner.trainsOnWholeTask()) {
            learner = learner(method, model, loss, s.innerLr(), 0);   // nothing to adapt on
        }
        Params init = learner.initMeta(start == null ? model.init(ctx.rng("init")) : start.detach().asVariables());
        MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(s.metaLr()), tasks, pool,
                s.metaBatch(), s.clipNorm(), init, ctx.rng("train-tasks"));
        BestSoFar<Params> best = BestSoFar.preferLatestWhenUnscored();
        int evalSteps = s.innerSteps();
        best.offer(0, "", validation.meanRmse(recommender(model, learner, init, evalSteps), pool), init);
        for (int it = 1; it <= s.iterations(); it++) {
            trainer.step();
            if (it % s.validateEvery() == 0 || it == s.iterations()) {
                Params meta = trainer.meta();
                best.offer(it, "", validation.meanRmse(recommender(model, learner, meta, evalSteps), pool),
                        meta);
            }
        }
        Params chosen = best.value();
        return new Result(recommender(model, learner, chosen, evalSteps), chosen, best.selection());
    }
}
