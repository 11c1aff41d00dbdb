package org.metarec.experiments.study.fewshot;

import java.util.Arrays;
import java.util.List;

/**
 * Every setting of one method's run of the few-shot study, in small records by purpose.
 *
 * @param method the method
 * @param seed every random stream derives from it (the class family, the training and the test tasks)
 * @param classes the generated family of classes
 * @param episodes the shape of meta-training tasks
 * @param network the network's hidden layers
 * @param training the outer loop and the inner loop of MAML
 * @param evaluation the fixed test tasks and test-time adaptation
 */
public record FewShotProtocol(FewShotMethod method, long seed, FewShotClasses.Settings classes, Episodes episodes,
                              Network network, Training training, Evaluation evaluation) {

    /** The methods the study compares. */
    public static final List<String> METHODS = FewShotMethod.names();

    /** Requires a known method and every part. */
    public FewShotProtocol {
        if (method == null || classes == null || episodes == null || network == null || training == null || evaluation == null) {
            throw new IllegalArgumentException("fewshot: expected a method, classes, episodes, network, training and evaluation "
                    + "settings, found a null");
        }
    }

    /**
     * The shape of meta-training tasks.
     *
     * @param ways N, classes per task
     * @param shots K, support examples per class during meta-training
     * @param query query examples per class (training and test tasks)
     */
    public record Episodes(int ways, int shots, int query) {
        /** Validates. */
        public Episodes {
            if (ways < 2 || shots < 1 || query < 1) {
                throw new IllegalArgumentException("fewshot episodes: expected ways >= 2, shots >= 1 and query >= 1, found "
                        + this);
            }
        }
    }

    /**
     * The network's hidden layers: Prototypical Networks embed with them (the last is the embedding), MAML and
     * the pretrained baseline put a linear classifier on top.
     *
     * @param hidden hidden widths
     * @param activation hidden activation
     */
    public record Network(int[] hidden, String activation) {
        /** Validates and copies. */
        public Network {
            if (hidden == null || hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("fewshot network.hidden: expected at least one width >= 1, found "
                        + (hidden == null ? "null" : Arrays.toString(hidden)));
            }
            hidden = hidden.clone();
        }

        /** The hidden widths (a copy). */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * Meta-training: the same number of outer steps, on the same number of examples per step, for every method.
     *
     * @param metaIterations outer steps
     * @param metaBatch tasks per outer step
     * @param innerLr MAML's inner step size
     * @param innerSteps MAML's inner steps during meta-training
     * @param metaLr Adam's learning rate
     * @param clipNorm gradient-norm clipping, 0 for none
     */
    public record Training(int metaIterations, int metaBatch, double innerLr, int innerSteps, double metaLr,
                           double clipNorm) {
        /** Validates. */
        public Training {
            if (metaIterations < 0 || metaBatch < 1 || !(innerLr > 0) || innerSteps < 0 || !(metaLr > 0) || clipNorm < 0) {
                throw new IllegalArgumentException("fewshot training: a value is out of range in " + this);
            }
        }
    }

    /**
     * The fixed test tasks (N-way, from the test classes only) and test-time adaptation.
     *
     * @param testTasks number of test tasks
     * @param shots support sizes K per class to measure (a task has max K; smaller K use its first examples)
     * @param adaptSteps gradient steps after which accuracy is recorded (MAML: its inner loop; pretrained: a new
     *     head fine-tuned on the support features; Prototypical Networks need no steps and score the same at each)
     * @param lr the step size of test-time gradient steps
     */
    public record Evaluation(int testTasks, int[] shots, int[] adaptSteps, double lr) {
        /** Validates and copies. */
        public Evaluation {
            if (testTasks < 2 || shots.length == 0 || Arrays.stream(shots).anyMatch(k -> k < 1)
                    || adaptSteps.length == 0 || Arrays.stream(adaptSteps).anyMatch(s -> s < 0) || !(lr > 0)) {
                throw new IllegalArgumentException("fewshot evaluation: expected >= 2 test tasks, shots >= 1, steps >= 0 "
                        + "and lr > 0, found " + testTasks + " tasks, shots " + Arrays.toString(shots) + ", steps "
                        + Arrays.toString(adaptSteps) + ", lr " + lr);
            }
            shots = shots.clone();
            adaptSteps = adaptSteps.clone();
        }

        /** The support sizes (a copy). */
        @Override
        public int[] shots() {
            return shots.clone();
        }

        /** The step counts (a copy). */
        @Override
        public int[] adaptSteps() {
            return adaptSteps.clone();
        }
    }
}
