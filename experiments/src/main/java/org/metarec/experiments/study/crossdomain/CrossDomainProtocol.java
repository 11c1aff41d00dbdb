package org.metarec.experiments.study.crossdomain;

import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.rec.mapping.MappingSettings;
import org.metarec.algorithms.rec.model.RecModels;
import org.metarec.algorithms.rec.train.FineTuning;
import org.metarec.algorithms.rec.coldstart.ColdStartMetaMethod;
import org.metarec.algorithms.rec.train.MetaLearning;
import org.metarec.algorithms.rec.train.PooledTraining;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.experiments.study.rec.BaselineSelection;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * Every setting of one cross-domain cold-start run: which method and model, the cold-start split,
 * the model's sizes and the training budgets. All randomness derives from {@code seed}.
 *
 * @param method one of {@link #METHODS}
 * @param model one of {@link RecModels#TYPES}; ignored by global_mean, item_bias, emcdr and ptupcdr
 *     (the mapping methods use matrix factorisation, as in their papers)
 * @param seed the seed of every random stream
 * @param useSources whether the method may use the source domains (their tasks, rows and the users'
 *     cross-domain profiles); false gives the ablation "the same method on the target domain alone",
 *     which separates what meta-learning does from what transfer does. Always false in effect for
 *     target_only, global_mean and item_bias; must be true for emcdr and ptupcdr
 * @param split the cold-start split, domains by name
 * @param sizes the model's sizes and regularisation
 * @param training the training budgets and learning rates
 */
public record CrossDomainProtocol(RecMethod method, String model, long seed, boolean useSources,
        ColdStartSplit.Config split, Sizes sizes, Training training) {

    /** The methods this study runs: every {@link RecMethod}. */
    public static final List<RecMethod> METHODS = List.of(RecMethod.values());

    /** Validates the names. */
    public CrossDomainProtocol {
        if (method == null) {
            throw new IllegalArgumentException("crossdomain method: expected one of " + METHODS + ", found none");
        }
        if (!RecModels.TYPES.contains(model)) {
            throw new IllegalArgumentException("crossdomain model: expected one of " + RecModels.TYPES + ", found '"
                    + model + "'");
        }
        if (!useSources && method.needsSources()) {
            throw new IllegalArgumentException("crossdomain useSources: expected true for " + method
                    + " (it maps source factors to the target), found false");
        }
        if (split == null || sizes == null || training == null) {
            throw new IllegalArgumentException("crossdomain protocol: expected split, sizes and training settings, "
                    + "found a null");
        }
    }

    /**
     * Model sizes.
     *
     * @param dim latent or embedding width
     * @param hidden hidden layer widths of the MLP-based models (and of the EMCDR mapping and PTUPCDR networks)
     * @param weightDecay weight of the embedding models' L2 penalty in every training loss
     */
    public record Sizes(int dim, int[] hidden, double weightDecay) {

        /** Validates and copies. */
        public Sizes {
            require(dim >= 1, "sizes.dim", ">= 1", dim);
            if (hidden == null || hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("crossdomain sizes.hidden: expected at least one width >= 1, found "
                        + (hidden == null ? "null" : Arrays.toString(hidden)));
            }
            require(weightDecay >= 0 && Double.isFinite(weightDecay), "sizes.weightDecay", ">= 0", weightDecay);
            hidden = hidden.clone();
        }

        /** The hidden widths (a copy). */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * How the meta-learners are trained: the shared meta-learning settings, Reptile's own inner rate and the
     * distribution of meta-training tasks.
     *
     * @param settings outer steps, meta-batch, inner rate and steps, outer rate, clipping, validation interval
     * @param reptileInnerLr Reptile's inner learning rate: its inner loop moves every parameter (biases and
     *     item factors too), which is unstable at rates that suit a user's own parameters
     * @param trainQuerySize query rows per meta-training task (at most)
     * @param targetTaskShare probability that a meta-training task is a target-domain user
     * @param coldStart MAMO's and TaNP's settings (their own models have the widths of {@link Sizes})
     */
    public record MetaTraining(MetaLearning.Settings settings, double reptileInnerLr, int trainQuerySize,
            double targetTaskShare, ColdStartMetaMethod.Settings coldStart) {

        /** Meta-training with MAMO's and TaNP's default settings. */
        public MetaTraining(MetaLearning.Settings settings, double reptileInnerLr, int trainQuerySize,
                            double targetTaskShare) {
            this(settings, reptileInnerLr, trainQuerySize, targetTaskShare, ColdStartMetaMethod.Settings.DEFAULT);
        }

        /** Query ratings per meta-training task, at most, unless said otherwise. */
        public static final int DEFAULT_TRAIN_QUERY = 20;
        /** Share of meta-training tasks drawn from target-domain users, unless said otherwise. */
        public static final double DEFAULT_TARGET_TASK_SHARE = 0.5;

        /** Validates. */
        public MetaTraining {
            if (settings == null) {
                throw new IllegalArgumentException("crossdomain training.meta: expected meta-learning settings, "
                        + "found none");
            }
            require(settings.innerLr() > 0 && Double.isFinite(settings.innerLr()), "training.innerLr", "> 0",
                    settings.innerLr());
            require(settings.metaLr() > 0 && Double.isFinite(settings.metaLr()), "training.metaLr", "> 0",
                    settings.metaLr());
            require(settings.clipNorm() >= 0 && Double.isFinite(settings.clipNorm()), "training.clipNorm", ">= 0",
                    settings.clipNorm());
            require(reptileInnerLr > 0 && Double.isFinite(reptileInnerLr), "training.reptileInnerLr", "> 0",
                    reptileInnerLr);
            require(trainQuerySize >= 1, "training.trainQuerySize", ">= 1", trainQuerySize);
            require(targetTaskShare >= 0 && targetTaskShare <= 1, "training.targetTaskShare", "a value in [0, 1]",
                    targetTaskShare);
            if (coldStart == null) {
                throw new IllegalArgumentException("crossdomain training.coldStart: expected MAMO's and TaNP's settings, "
                        + "found none");
            }
        }

        /** The settings {@code method} trains with (Reptile: its own inner rate). */
        public MetaLearning.Settings forMethod(MetaMethod method) {
            return settings.forMethod(method, reptileInnerLr);
        }
    }

    /**
     * Training budgets and rates of every method family: each part is one small record.
     *
     * @param meta the meta-learners' training
     * @param pooled pooled training (pretrained, target_only, the factorisations of the mapping methods)
     * @param fineTune fine-tuning of pooled and mapped models on the support set
     * @param mapping the EMCDR mapping and the PTUPCDR networks
     * @param shrinkages the item_bias shrinkages scored on the validation users
     */
    public record Training(MetaTraining meta, PooledTraining.Settings pooled, FineTuning fineTune, Mapping mapping,
            BaselineSelection.Shrinkages shrinkages) {

        /** Requires every part. */
        public Training {
            if (meta == null || pooled == null || fineTune == null || mapping == null || shrinkages == null) {
                throw new IllegalArgumentException("crossdomain training: expected meta, pooled, fine-tuning, "
                        + "mapping and shrinkage settings, found a null");
            }
        }

        /**
         * Training settings with item_bias's default grid of shrinkages.
         *
         * @param meta the meta-learners' training
         * @param pooled pooled training
         * @param fineTune fine-tuning
         * @param mapping the mapping networks
         */
        public Training(MetaTraining meta, PooledTraining.Settings pooled, FineTuning fineTune, Mapping mapping) {
            this(meta, pooled, fineTune, mapping, BaselineSelection.Shrinkages.DEFAULT);
        }

        /**
         * These settings with other training budgets.
         *
         * @param metaIterations meta-learners' outer steps
         * @param pooledEpochs pooled epochs
         * @param mappingIterations mapping steps
         * @param validateEvery steps between validation scorings
         * @return new settings
         */
        public Training withBudgets(int metaIterations, int pooledEpochs, int mappingIterations, int validateEvery) {
            MetaLearning.Settings m = meta.settings();
            MetaLearning.Settings budgeted = m.withBudget(metaIterations, validateEvery);
            return new Training(new MetaTraining(budgeted, meta.reptileInnerLr(), meta.trainQuerySize(),
                    meta.targetTaskShare(), meta.coldStart()), pooled.withEpochs(pooledEpochs), fineTune,
                    new Mapping(mappingIterations, mapping.lr()), shrinkages);
        }

        /**
         * The settings of the mapping networks: as wide as the first hidden layer of the models, as many users
         * per PTUPCDR step as a meta-batch has tasks, validated as often as the meta-learners.
         *
         * @param sizes the model sizes
         * @return the mapping settings
         */
        public MappingSettings mappingSettings(Sizes sizes) {
            MetaLearning.Settings m = meta.settings();
            return new MappingSettings(sizes.hidden()[0], mapping.iterations(), m.metaBatch(), mapping.lr(),
                    m.validateEvery());
        }
    }

    /**
     * The budget of the mapping networks.
     *
     * @param iterations Adam steps of the EMCDR mapping and of the PTUPCDR networks
     * @param lr their Adam learning rate
     */
    public record Mapping(int iterations, double lr) {

        /** The default: 1000 Adam steps at {@link MappingSettings#DEFAULT_LR}. */
        public static final Mapping DEFAULT = new Mapping(1000, MappingSettings.DEFAULT_LR);

        /** Validates. */
        public Mapping {
            require(iterations >= 0, "training.mappingIterations", ">= 0", iterations);
            require(lr > 0 && Double.isFinite(lr), "training.mappingLr", "> 0", lr);
        }
    }

    private static void require(boolean ok, String key, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("crossdomain " + key + ": expected " + expected + ", found " + found);
        }
    }

    /**
     * {@link #defaults(RecMethod, String, long, ColdStartSplit.Config)} for the method named {@code method}.
     *
     * @param method a method name, one of {@link #METHODS}
     * @param model a model type
     * @param seed the seed
     * @param split the split
     * @return the protocol
     */
    public static CrossDomainProtocol defaults(String method, String model, long seed, ColdStartSplit.Config split) {
        return defaults(RecMethod.byName(method).orElseThrow(() -> new IllegalArgumentException(
                "crossdomain method: expected one of " + METHODS + ", found '" + method + "'")), model, seed, split);
    }

    /**
     * The default protocol for a method, model and split: sizes and budgets sized so that a MovieLens-100K
     * run of one method takes seconds on one core (all eleven methods with matrix factorisation: about a
     * minute). Inner learning rate 0.1 (0.3 diverges for the models whose inner loop adapts network layers,
     * and is worse on MovieLens 100K for matrix factorisation too).
     *
     * @param method a method name
     * @param model a model type
     * @param seed the seed
     * @param split the split
     * @return the protocol
     */
    public static CrossDomainProtocol defaults(RecMethod method, String model, long seed,
            ColdStartSplit.Config split) {
        Sizes sizes = new Sizes(16, new int[] {32, 16}, 0.01);
        MetaTraining meta = new MetaTraining(new MetaLearning.Settings(1000, 16, 0.1, 5, 0.005, 10.0, 100), 0.03,
                MetaTraining.DEFAULT_TRAIN_QUERY, MetaTraining.DEFAULT_TARGET_TASK_SHARE);
        Training training = new Training(meta, PooledTraining.Settings.DEFAULT, FineTuning.DEFAULT, Mapping.DEFAULT);
        return new CrossDomainProtocol(method, model, seed, true, split, sizes, training);
    }

    /**
     * The default split: 10% validation users, at most 100 query ratings, eligibility from K + 1 ratings.
     *
     * @param sources source domain names
     * @param target the target domain's name
     * @param testRatio beta
     * @param supportSize K
     * @return the split
     */
    public static ColdStartSplit.Config split(List<String> sources, String target, double testRatio, int supportSize) {
        return new ColdStartSplit.Config(sources, target, testRatio, supportSize, 0.1, 100, supportSize + 1);
    }

    /**
     * This protocol with another method.
     *
     * @param m the method
     * @return a new protocol
     */
    public CrossDomainProtocol withMethod(RecMethod m) {
        return new CrossDomainProtocol(m, model, seed, useSources, split, sizes, training);
    }

    /**
     * This protocol with another model type.
     *
     * @param m the model type
     * @return a new protocol
     */
    public CrossDomainProtocol withModel(String m) {
        return new CrossDomainProtocol(method, m, seed, useSources, split, sizes, training);
    }

    /**
     * This protocol with or without the source domains.
     *
     * @param use whether the method may use them
     * @return a new protocol
     */
    public CrossDomainProtocol withSources(boolean use) {
        return new CrossDomainProtocol(method, model, seed, use, split, sizes, training);
    }

    /**
     * This protocol with another seed.
     *
     * @param s the seed
     * @return a new protocol
     */
    public CrossDomainProtocol withSeed(long s) {
        return new CrossDomainProtocol(method, model, s, useSources, split, sizes, training);
    }

    /**
     * This protocol with other training settings.
     *
     * @param t the training settings
     * @return a new protocol
     */
    public CrossDomainProtocol withTraining(Training t) {
        return new CrossDomainProtocol(method, model, seed, useSources, split, sizes, t);
    }

    /**
     * This protocol with other sizes.
     *
     * @param s the sizes
     * @return a new protocol
     */
    public CrossDomainProtocol withSizes(Sizes s) {
        return new CrossDomainProtocol(method, model, seed, useSources, split, s, training);
    }

    /**
     * This protocol with another split.
     *
     * @param s the split
     * @return a new protocol
     */
    public CrossDomainProtocol withSplit(ColdStartSplit.Config s) {
        return new CrossDomainProtocol(method, model, seed, useSources, s, sizes, training);
    }
}
