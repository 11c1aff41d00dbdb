package org.metarec.experiments.study.sinusoid;

import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.meta.MetaMethod;

/**
 * Every setting of the sinusoid study. {@link #paper} gives the values of Finn et al. (2017,
 * section 5.1) and, for Reptile, Nichol et al. (2018, section 3 and appendix).
 *
 * @param method the method (any {@link MetaMethod})
 * @param seed all randomness derives from it
 * @param family the ranges of amplitude, phase and inputs
 * @param hidden hidden layer widths (the paper: 40, 40)
 * @param activation hidden activation (the paper: relu)
 * @param metaIterations outer steps (the paper: 70,000)
 * @param metaBatch tasks per outer step (25)
 * @param kTrain support points per task during meta-training, and as many query points (10)
 * @param innerLr inner SGD learning rate during meta-training (0.01)
 * @param innerSteps inner steps during meta-training (1)
 * @param metaLr Adam learning rate of the outer loop (0.001)
 * @param clipNorm global gradient-norm clipping of the outer step, 0 for none
 * @param reptileInnerSteps Reptile's inner SGD steps per task (5)
 * @param reptileInnerLr Reptile's inner learning rate (0.02)
 * @param reptileBatch Reptile's inner minibatch size (10)
 * @param testTasks number of fixed test tasks (600)
 * @param evalKs support sizes evaluated (5, 10)
 * @param maxEvalSteps adaptation steps evaluated, 0 to this (10)
 * @param queryPoints query points per test task (100)
 * @param evalLr SGD learning rate of test-time adaptation (0.01)
 */
public record SinusoidProtocol(MetaMethod method, long seed, SinusoidTasks.Family family, int[] hidden,
                               String activation, int metaIterations, int metaBatch, int kTrain,
                               double innerLr, int innerSteps, double metaLr, double clipNorm,
                               int reptileInnerSteps, double reptileInnerLr, int reptileBatch,
                               int testTasks, int[] evalKs, int maxEvalSteps, int queryPoints, double evalLr) {

    /** The method names this protocol knows: every {@link MetaMethod}. */
    public static final List<String> METHODS = MetaMethod.names();

    /** Validates every setting. */
    public SinusoidProtocol {
        if (method == null) {
            throw new IllegalArgumentException("sinusoid: expected a method, one of " + METHODS + ", found none");
        }
        if (hidden.length == 0 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("sinusoid: hidden sizes must be >= 1, found " + Arrays.toString(hidden));
        }
        if (metaIterations < 0 || metaBatch < 1 || kTrain < 1 || innerSteps < 0 || testTasks < 2
                || maxEvalSteps < 0 || queryPoints < 1 || reptileInnerSteps < 1 || reptileBatch < 1) {
            throw new IllegalArgumentException("sinusoid: a count is out of range in " + this);
        }
        for (int k : evalKs) {
            if (k < 1) {
                throw new IllegalArgumentException("sinusoid: evaluation support sizes must be >= 1, found " + k);
            }
        }
        hidden = hidden.clone();
        evalKs = evalKs.clone();
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
        return new SinusoidProtocol(method, seed, SinusoidTasks.Family.paper(), new int[] {40, 40}, "relu", 70_000, 25, 10, 0.01, 1, 0.001, 0,
                5, 0.02, 10, 600, new int[] {5, 10}, 10, 100, 0.01);
    }

    /** This protocol with another number of meta-iterations. */
    public SinusoidProtocol withMetaIterations(int n) {
        return new SinusoidProtocol(method, seed, family, hidden, activation, n, metaBatch, kTrain, innerLr, innerSteps, metaLr, clipNorm,
                reptileInnerSteps, reptileInnerLr, reptileBatch, testTasks, evalKs, maxEvalSteps, queryPoints, evalLr);
    }

    /** This protocol with another number of test tasks. */
    public SinusoidProtocol withTestTasks(int n) {
        return new SinusoidProtocol(method, seed, family, hidden, activation, metaIterations, metaBatch, kTrain, innerLr, innerSteps, metaLr,
                clipNorm, reptileInnerSteps, reptileInnerLr, reptileBatch, n, evalKs, maxEvalSteps, queryPoints, evalLr);
    }

    /** This protocol with another number of inner steps during meta-training. */
    public SinusoidProtocol withInnerSteps(int n) {
        return new SinusoidProtocol(method, seed, family, hidden, activation, metaIterations, metaBatch, kTrain, innerLr, n,
                metaLr, clipNorm, reptileInnerSteps, reptileInnerLr, reptileBatch, testTasks, evalKs, maxEvalSteps,
                queryPoints, evalLr);
    }

    /** This protocol with another method. */
    public SinusoidProtocol withMethod(MetaMethod m) {
        return new SinusoidProtocol(m, seed, family, hidden, activation, metaIterations, metaBatch, kTrain, innerLr, innerSteps, metaLr,
                clipNorm, reptileInnerSteps, reptileInnerLr, reptileBatch, testTasks, evalKs, maxEvalSteps, queryPoints,
                evalLr);
    }

    /** The network sizes: 1, hidden..., 1. */
    public int[] sizes() {
        int[] s = new int[hidden.length + 2];
        s[0] = 1;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = 1;
        return s;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public int[] evalKs() {
        return evalKs.clone();
    }
}
