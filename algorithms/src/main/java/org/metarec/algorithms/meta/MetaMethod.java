package org.metarec.algorithms.meta;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The registry of gradient-based meta-learning methods: the one place where a method's config name
 * becomes a learner. Every study builds its learners here; what differs between the methods at run time
 * is said by the learners themselves ({@link MetaLearner#trainingTask}, {@link MetaLearner#initMeta},
 * {@link MetaLearner#adaptedNames}, {@link MetaLearner#learnsStepSizes}).
 *
 * <p>What a study must know before it has a learner is said here, once: which of a model's parameters
 * a method adapts ({@link #adaptedNames}) and whether it runs Reptile's own inner loop
 * ({@link #hasOwnInnerLoop}).
 */
public enum MetaMethod {

    /** Second-order MAML (Finn, Abbeel and Levine 2017). */
    MAML("maml") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new MAML<>(s.loss(), s.innerLr(), s.innerSteps(), s.adapted());
        }
    },

    /** First-order MAML (Finn et al. 2017, section 5.2). */
    FOMAML("fomaml") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new FirstOrderMAML<>(s.loss(), s.innerLr(), s.innerSteps(), s.adapted());
        }
    },

    /**
     * Reptile (Nichol, Achiam and Schulman 2018). Its outer step {@code theta - phi} moves only what its
     * inner loop moved, so it adapts every parameter, and it runs its own inner loop (plain SGD, with its
     * own rate, steps and minibatches).
     */
    REPTILE("reptile") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new Reptile<>(s.loss(), s.innerLr(), s.innerSteps(), s.batches(), s.adapted(), s.concat());
        }

        @Override
        public List<String> adaptedNames(List<String> local, List<String> head) {
            return null;
        }

        @Override
        public boolean hasOwnInnerLoop() {
            return true;
        }
    },

    /** Meta-SGD (Li, Zhou, Chen and Li 2017): MAML with a learned rate per parameter element. */
    METASGD("metasgd") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new MetaSGD<>(s.loss(), s.innerLr(), s.innerSteps(), s.adapted());
        }
    },

    /** ANIL (Raghu, Raghu, Bengio and Vinyals 2020): MAML that adapts the head only. */
    ANIL("anil") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new ANIL<>(s.loss(), s.adapted(), s.innerLr(), s.innerSteps());
        }

        @Override
        public List<String> adaptedNames(List<String> local, List<String> head) {
            return head;
        }
    },

    /**
     * CAVIA (Zintgraf et al. 2019): adapts only context parameters, which start at zero for every task; for a
     * recommender the context is the user's own (local) parameters. Needs a model with such parameters.
     */
    CAVIA("cavia") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new CAVIA<>(s.loss(), s.adapted(), s.innerLr(), s.innerSteps());
        }

        @Override
        public boolean needsContext() {
            return true;
        }
    },

    /**
     * MAML++ (Antoniou, Edwards and Storkey 2019): learned per-layer per-step rates, the multi-step loss and
     * derivative-order annealing, each switched by {@link MetaLearnerSettings#mamlpp()}.
     */
    MAMLPP("mamlpp") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new MAMLPlusPlus<>(s.loss(), s.innerLr(), s.innerSteps(), s.adapted(), s.mamlpp());
        }
    },

    /**
     * Implicit MAML (Rajeswaran, Finn, Kakade and Levine 2019): a regularised inner problem and the
     * meta-gradient by conjugate gradient ({@link MetaLearnerSettings#imaml()}). Like MAML it adapts a model's
     * local parameters; the shared ones get the implicit gradient's mixed term ({@link ImplicitMAML}).
     */
    IMAML("imaml") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            return new ImplicitMAML<>(s.loss(), s.innerLr(), s.innerSteps(), s.adapted(), s.imaml());
        }
    },

    /**
     * The transfer baseline of Finn et al. (2017, section 5.1): joint training on every task's support
     * and query sets, then fine-tuning at {@code innerLr}; needs {@link MetaLearnerSettings#concat()}.
     */
    PRETRAINED("pretrained") {
        @Override
        public <B> MetaLearner<B> learner(MetaLearnerSettings<B> s) {
            if (s.concat() == null) {
                throw new IllegalArgumentException("pretrained: expected a way to join support and query batches, "
                        + "found none");
            }
            return new JointTraining<>(s.loss(), s.innerLr(), s.concat());
        }

        @Override
        public List<String> adaptedNames(List<String> local, List<String> head) {
            return null;
        }
    };

    private final String configName;

    MetaMethod(String configName) {
        this.configName = configName;
    }

    /** The learner of this method with settings {@code s}. */
    public abstract <B> MetaLearner<B> learner(MetaLearnerSettings<B> s);

    /**
     * The parameters this method adapts in a model whose user-level (or task-level) parameters are
     * {@code local} and whose last layer is {@code head} (null: all parameters). MAML, first-order MAML,
     * Meta-SGD, MAML++ and iMAML adapt {@code local}, ANIL the head, Reptile and the pretrained baseline everything.
     */
    public List<String> adaptedNames(List<String> local, List<String> head) {
        return local;
    }

    /**
     * True when the method adapts context parameters that the model must name (CAVIA): it applies to models with
     * local parameters (the recommenders' user parameters), not to a plain network such as the sinusoid MLP.
     */
    public boolean needsContext() {
        return false;
    }

    /** True for Reptile, whose inner loop has settings of its own (config section {@code meta.reptile}). */
    public boolean hasOwnInnerLoop() {
        return false;
    }

    /** The name configs and tables use, e.g. {@code maml}. */
    public String configName() {
        return configName;
    }

    /** The method whose {@link #configName()} is {@code name}, if any. */
    public static Optional<MetaMethod> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    /** The method named {@code name}, or an exception that lists the known names. */
    public static MetaMethod named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("meta-learning method: expected one of "
                + names() + ", found '" + name + "'"));
    }

    /** Every method's config name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(MetaMethod::configName).toList();
    }

    @Override
    public String toString() {
        return configName;
    }
}
