package org.metarec.experiments.study.sinusoid;

import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaMethod;

/**
 * Every setting of the sinusoid study, in small records by purpose. {@link #paper} gives the values of
 * Finn et al. (2017, section 5.1) and, for Reptile, Nichol et al. (2018, section 3 and appendix); each
 * part's {@code paper()} holds its own.
 *
 * @param method the method (any {@link MetaMethod})
 * @param seed all randomness derives from it
 * @param family the ranges of amplitude, phase and inputs
 * @param network the network's hidden layers
 * @param training meta-training: budget, meta-batch, inner and outer loop
 * @param reptile Reptile's own inner loop
 * @param evaluation the fixed test tasks and test-time adaptation
 * @param mamlpp MAML++'s switches (read by {@link MetaMethod#MAMLPP} only)
 * @param imaml implicit MAML's lambda and CG budget (read by {@link MetaMethod#IMAML} only)
 */
public record SinusoidProtocol(MetaMethod method, long seed, SinusoidTasks.Family family, Network network,
                               Training training, Reptile reptile, Evaluation evaluation,
                               MAMLPlusPlus.Switches mamlpp, ImplicitMAML.Settings imaml) {

    /** A protocol with the default MAML++ and iMAML settings. */
    public SinusoidProtocol(MetaMethod method, long seed, SinusoidTasks.Family family, Network network,
                            Training training, Reptile reptile, Evaluation evaluation) {
        this(method, seed, family, network, training, reptile, evaluation, null, null);
    }

    /** The method names this protocol knows: every {@link MetaMethod} that needs no context parameters. */
    public static final List<String> METHODS = java.util.Arrays.stream(MetaMethod.values())
            .filter(m -> !m.needsContext()).map(MetaMethod::configName).toList();

    /** Requires a method and every part. */
    public SinusoidProtocol {
        if (method == null) {
            throw new IllegalArgumentException("sinusoid: expected a method, one of " + METHODS + ", found none");
        }
        if (family == null || network == null || training == null || reptile == null || evaluation == null) {
            throw new IllegalArgumentException("sinusoid: expected family, network, training, reptile and evaluation "
                    + "settings, found a null");
        }
        mamlpp = mamlpp == null ? MAMLPlusPlus.Switches.DEFAULT : mamlpp;
        imaml = imaml == null ? ImplicitMAML.Settings.DEFAULT : imaml;
    }

    /**
     * The network's hidden layers (the input and output are one number each) and its head.
     *
     * @param hidden hidden layer widths (the paper: 40, 40)
     * @param activation hidden activation (the paper: relu)
     * @param head names of the parameters that ANIL adapts; empty means the last layer (its weight and bias)
     */
    public record Network(int[] hidden, String activation, List<String> head) {

        /** Validates and copies. */
        public Network {
            if (hidden == null || hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("sinusoid network.hidden: expected at least one width >= 1, found "
                        + (hidden == null ? "null" : Arrays.toString(hidden)));
            }
            if (activation == null) {
                throw new IllegalArgumentException("sinusoid network.activation: expected an activation, found none");
            }
            hidden = hidden.clone();
            head = head == null ? List.of() : List.copyOf(head);
        }

        /** A network whose head is its last layer. */
        public Network(int[] hidden, String activation) {
            this(hidden, activation, List.of());
        }

        /** The paper's network: two hidden layers of 40 ReLU units. */
        public static Network paper() {
            return new Network(new int[] {40, 40}, "relu");
        }

        /** The layer sizes: 1, hidden..., 1. */
        public int[] sizes() {
            int[] s = new int[hidden.length + 2];
            s[0] = 1;
            System.arraycopy(hidden, 0, s, 1, hidden.length);
            s[s.length - 1] = 1;
            return s;
        }

        /** The hidden widths (a copy). */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * Meta-training.
     *
     * @param metaIterations outer steps (the paper: 70,000)
     * @param metaBatch tasks per outer step (25)
     * @param kTrain support points per task, and as many query points (10)
     * @param innerLr inner SGD learning rate (0.01)
     * @param innerSteps inner steps (1)
     * @param metaLr Adam learning rate of the outer loop (0.001)
     * @param clipNorm global gradient-norm clipping of the outer step, 0 for none
     */
    public record Training(int metaIterations, int metaBatch, int kTrain, double innerLr, int innerSteps,
                           double metaLr, double clipNorm) {

        /** Validates the counts. */
        public Training {
            require(metaIterations >= 0, "training.metaIterations", ">= 0", metaIterations);
            require(metaBatch >= 1, "training.metaBatch", ">= 1", metaBatch);
            require(kTrain >= 1, "training.kTrain", ">= 1", kTrain);
            require(innerSteps >= 0, "training.innerSteps", ">= 0", innerSteps);
        }

        /** The paper's meta-training, without clipping. */
        public static Training paper() {
            return new Training(70_000, 25, 10, 0.01, 1, 0.001, 0);
        }

        /** These settings with another number of outer steps. */
        public Training withMetaIterations(int n) {
            return new Training(n, metaBatch, kTrain, innerLr, innerSteps, metaLr, clipNorm);
        }

        /** These settings with another number of inner steps. */
        public Training withInnerSteps(int n) {
            return new Training(metaIterations, metaBatch, kTrain, innerLr, n, metaLr, clipNorm);
        }
    }

    /**
     * Reptile's inner loop, SGD on minibatches of a task's points (Nichol et al. 2018).
     *
     * @param innerSteps inner SGD steps per task (5)
     * @param innerLr inner learning rate (0.02)
     * @param batch inner minibatch size (10)
     */
    public record Reptile(int innerSteps, double innerLr, int batch) {

        /** Validates the counts. */
        public Reptile {
            require(innerSteps >= 1, "reptile.innerSteps", ">= 1", innerSteps);
            require(batch >= 1, "reptile.batch", ">= 1", batch);
        }

        /** Nichol et al.'s sinusoid settings. */
        public static Reptile paper() {
            return new Reptile(5, 0.02, 10);
        }
    }

    /**
     * Evaluation on fixed test tasks.
     *
     * @param testTasks number of test tasks (600)
     * @param evalKs support sizes evaluated (5, 10)
     * @param maxEvalSteps adaptation steps evaluated, 0 to this (10)
     * @param queryPoints query points per test task (100)
     * @param evalLr SGD learning rate of test-time adaptation (0.01)
     */
    public record Evaluation(int testTasks, int[] evalKs, int maxEvalSteps, int queryPoints, double evalLr) {

        /** Validates and copies. */
        public Evaluation {
            require(testTasks >= 2, "evaluation.testTasks", ">= 2", testTasks);
            if (evalKs == null) {
                throw new IllegalArgumentException("sinusoid evaluation.evalKs: expected support sizes, found none");
            }
            for (int k : evalKs) {
                require(k >= 1, "evaluation.evalKs", "support sizes >= 1", k);
            }
            require(maxEvalSteps >= 0, "evaluation.maxEvalSteps", ">= 0", maxEvalSteps);
            require(queryPoints >= 1, "evaluation.queryPoints", ">= 1", queryPoints);
            evalKs = evalKs.clone();
        }

        /** The paper's evaluation: 600 tasks, K = 5 and 10, 0 to 10 steps, 100 query points. */
        public static Evaluation paper() {
            return new Evaluation(600, new int[] {5, 10}, 10, 100, 0.01);
        }

        /** These settings with another number of test tasks. */
        public Evaluation withTestTasks(int n) {
            return new Evaluation(n, evalKs, maxEvalSteps, queryPoints, evalLr);
        }

        /** The support sizes (a copy). */
        @Override
        public int[] evalKs() {
            return evalKs.clone();
        }
    }

    private static void require(boolean ok, String key, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("sinusoid " + key + ": expected " + expected + ", found " + found);
        }
    }

    /** The paper's protocol for the method named {@code method} (one of {@link #METHODS}). */
    public static SinusoidProtocol paper(String method, long seed) {
        return paper(method(method), seed);
    }

    /** The method named {@code name}, one of {@link #METHODS}. */
    public static MetaMethod method(String name) {
        return MetaMethod.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "sinusoid: unknown method '" + name + "'; expected one of " + METHODS));
    }

    /** The paper's protocol for {@code method}. */
    public static SinusoidProtocol paper(MetaMethod method, long seed) {
        return new SinusoidProtocol(method, seed, SinusoidTasks.Family.paper(), Network.paper(), Training.paper(),
                Reptile.paper(), Evaluation.paper());
    }

    /** This protocol with another method. */
    public SinusoidProtocol withMethod(MetaMethod m) {
        return new SinusoidProtocol(m, seed, family, network, training, reptile, evaluation, mamlpp, imaml);
    }

    /** This protocol with other meta-training settings. */
    public SinusoidProtocol withTraining(Training t) {
        return new SinusoidProtocol(method, seed, family, network, t, reptile, evaluation, mamlpp, imaml);
    }

    /** This protocol with other evaluation settings. */
    public SinusoidProtocol withEvaluation(Evaluation e) {
        return new SinusoidProtocol(method, seed, family, network, training, reptile, e, mamlpp, imaml);
    }

    /** This protocol with other MAML++ switches. */
    public SinusoidProtocol withMamlpp(MAMLPlusPlus.Switches s) {
        return new SinusoidProtocol(method, seed, family, network, training, reptile, evaluation, s, imaml);
    }

    /** This protocol with other iMAML settings. */
    public SinusoidProtocol withImaml(ImplicitMAML.Settings s) {
        return new SinusoidProtocol(method, seed, family, network, training, reptile, evaluation, mamlpp, s);
    }

    /** The network's layer sizes: 1, hidden..., 1. */
    public int[] sizes() {
        return network.sizes();
    }
}
