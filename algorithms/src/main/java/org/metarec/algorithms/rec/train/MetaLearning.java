package org.metarec.algorithms.rec.train;

import java.util.List;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.optim.Adam;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.ColdStartRecommender;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.train.MetaTrainer;
import org.metarec.autodiff.Params;

/**
 * Meta-training of a rating model over user tasks with one of MAML, first-order MAML, Reptile,
 * Meta-SGD, ANIL, CAVIA, MAML++ or implicit MAML (or, each over its own model, MAMO and TaNP: {@link ColdStartMetaMethod}), choosing the meta-parameters on the validation users: the initial parameters and
 * those after every {@code validateEvery} meta-iterations (and after the last) are scored by the mean
 * validation RMSE after adaptation, and the best is kept. Each scored checkpoint spends one trial of the
 * context's {@link TrialBudget}; training stops when none is left.
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
     * The settings of the methods that have settings of their own.
     *
     * @param mamlpp MAML++'s switches (read by {@link MetaMethod#MAMLPP} only)
     * @param imaml implicit MAML's lambda and conjugate-gradient budget (read by {@link MetaMethod#IMAML} only)
     */
    public record Variants(MAMLPlusPlus.Switches mamlpp, ImplicitMAML.Settings imaml) {

        /** The defaults of both. */
        public static final Variants DEFAULT = new Variants(MAMLPlusPlus.Switches.DEFAULT, ImplicitMAML.Settings.DEFAULT);

        /** Requires both. */
        public Variants {
            if (mamlpp == null || imaml == null) {
                throw new IllegalArgumentException("meta-learning variants: expected MAML++ switches and iMAML settings, "
                        + "found " + mamlpp + " and " + imaml);
            }
        }
    }

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
     * @param variants MAML++'s and iMAML's own settings
     */
    public record Settings(int iterations, int metaBatch, double innerLr, int innerSteps, double metaLr,
            double clipNorm, int validateEvery, Variants variants) {
        /** Validates the counts. */
        public Settings {
            if (iterations < 0 || metaBatch < 1 || innerSteps < 0 || validateEvery < 1 || variants == null) {
                throw new IllegalArgumentException("meta-learning settings: expected iterations >= 0, metaBatch >= 1, "
                        + "innerSteps >= 0, validateEvery >= 1 and variants; found " + iterations + ", " + metaBatch
                        + ", " + innerSteps + ", " + validateEvery + " and " + variants);
            }
        }

        /** Settings with the default MAML++ and iMAML settings ({@link Variants#DEFAULT}). */
        public Settings(int iterations, int metaBatch, double innerLr, int innerSteps, double metaLr, double clipNorm,
                int validateEvery) {
            this(iterations, metaBatch, innerLr, innerSteps, metaLr, clipNorm, validateEvery, Variants.DEFAULT);
        }

        /**
         * These settings with other MAML++ and iMAML settings.
         *
         * @param v the variants' settings
         * @return a new settings record
         */
        public Settings withVariants(Variants v) {
            return new Settings(iterations, metaBatch, innerLr, innerSteps, metaLr, clipNorm, validateEvery, v);
        }

        /**
         * These settings with another budget.
         *
         * @param steps outer steps
         * @param every iterations between validation scorings
         * @return a new settings record
         */
        public Settings withBudget(int steps, int every) {
            return new Settings(steps, metaBatch, innerLr, innerSteps, metaLr, clipNorm, every, variants);
        }

        /**
         * These settings with another inner learning rate (Reptile's, for example).
         *
         * @param lr the inner learning rate
         * @return a new settings record
         */
        public Settings withInnerLr(double lr) {
            return new Settings(iterations, metaBatch, lr, innerSteps, metaLr, clipNorm, validateEvery, variants);
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
     * The meta-learner of a method for a rating model with the default MAML++ and iMAML settings, as
     * {@link #learner(MetaMethod, RecModel, TaskLoss, double, int, Variants)}.
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
        return learner(method, model, loss, innerLr, innerSteps, Variants.DEFAULT);
    }

    /**
     * The meta-learner of a method for a rating model: it adapts the parameters the method adapts in
     * this model ({@link MetaMethod#adaptedNames} of its local and head parameters), and Reptile trains
     * on a task's support and query ratings together. iMAML, like MAML, adapts the local parameters; the
     * shared ones (item embeddings, the other layers) get its implicit gradient's mixed term.
     *
     * @param method the method
     * @param model the model (its local and head parameters)
     * @param loss the task loss
     * @param innerLr the inner learning rate
     * @param innerSteps the inner steps in meta-training
     * @param variants MAML++'s switches and iMAML's settings
     * @return the learner
     */
    public static MetaLearner<RatingBatch> learner(MetaMethod method, RecModel model, TaskLoss<RatingBatch> loss,
            double innerLr, int innerSteps, Variants variants) {
        // CAVIA's context is the user's own parameters: they start at zero for every user.
        List<String> adapted = method.needsContext() ? model.userTables()
                : method.adaptedNames(model.localParams(), model.headParams());
        if (method.needsContext()) {
            if (adapted.isEmpty()) {
                throw new IllegalArgumentException(method.configName() + ": expected a model with per-user parameters "
                        + "(" + RecModels.WITH_USER_PARAMETERS + "), whose user vector is the context; this model has none");
            }
        }
        return method.learner(new MetaLearnerSettings<>(loss, innerLr, innerSteps, adapted, null, RatingBatch::concat,
                variants.mamlpp(), variants.imaml()));
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
        MetaLearner<RatingBatch> learner = learner(method, model, loss, s.innerLr(), s.innerSteps(), s.variants());
        if (supportSize == 0 && !learner.trainsOnWholeTask()) {
            learner = learner(method, model, loss, s.innerLr(), 0, s.variants());   // nothing to adapt on
        }
        return train(learner, model, tasks, s, ctx, start);
    }

    /**
     * Meta-trains a cold-start method with its own model (MAMO, TaNP) and selects on the validation users.
     *
     * @param method the method
     * @param model its model, from {@link ColdStartMetaMethod#model}
     * @param settings the methods' settings
     * @param tasks draws a meta-training task
     * @param supportSize the smallest support size of the drawn tasks: with 0 there are no local steps
     * @param s the settings (MAMO's local rate and steps are {@code innerLr} and {@code innerSteps})
     * @param ctx as for the other learners; the learner's own streams derive from its seed
     * @return the chosen recommender and the selection history
     */
    public static Result train(ColdStartMetaMethod method, RecModel model, ColdStartMetaMethod.Settings settings,
            MetaTrainer.TaskSource<RatingBatch> tasks, int supportSize, Settings s, TrainingContext ctx) {
        MetaLearner<RatingBatch> learner = method.learner(model, s.innerLr(), supportSize == 0 ? 0 : s.innerSteps(),
                settings, ctx.seed());
        return train(learner, model, tasks, s, ctx, null);
    }

    /** The outer loop and the selection on validation users, for any learner over the model, from {@code start} or a fresh init. */
    private static Result train(MetaLearner<RatingBatch> learner, RecModel model,
            MetaTrainer.TaskSource<RatingBatch> tasks, Settings s, TrainingContext ctx, Params start) {
        TaskPool pool = ctx.pool();
        TaskEvaluator validation = ctx.validation();
        Params init = learner.initMeta(start == null ? model.init(ctx.rng("init")) : start.detach().asVariables());
        MetaTrainer<RatingBatch> trainer = new MetaTrainer<>(learner, new Adam(s.metaLr()), tasks, pool,
                s.metaBatch(), s.clipNorm(), init, ctx.rng("train-tasks"));
        BestSoFar<Params> best = BestSoFar.preferLatestWhenUnscored(ctx.trials());
        int evalSteps = s.innerSteps();
        if (!best.canScore()) {
            // An earlier stage of the same method (the pretrained model a .src learner starts from) spent the budget:
            // nothing may be scored, so nothing is trained on, and the start is kept unscored.
            return new Result(recommender(model, learner, init, evalSteps), init,
                    new Selection(List.of(), new Selection.Checkpoint(0, "", Double.NaN)));
        }
        best.offer(0, "", validation.meanRmse(recommender(model, learner, init, evalSteps), pool, 0), init);
        // Stop as soon as the trial budget cannot score another checkpoint: training on would be unseen.
        for (int it = 1; it <= s.iterations() && best.canScore(); it++) {
            trainer.step();
            if (it % s.validateEvery() == 0 || it == s.iterations()) {
                Params meta = trainer.meta();
                best.offer(it, "", validation.meanRmse(recommender(model, learner, meta, evalSteps), pool, it),
                        meta);
            }
        }
        Params chosen = best.value();
        return new Result(recommender(model, learner, chosen, evalSteps), chosen, best.selection());
    }
}
