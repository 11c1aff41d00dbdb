package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * MAML++ (Antoniou, Edwards and Storkey 2019): MAML with the changes of the paper's section 4 that act on
 * the meta-gradient, each a switch ({@link Switches}) so a study can ablate them one by one:
 * <ul>
 *   <li><b>LSLR</b>, learned per-layer per-step inner rates: one rate {@code lr.<s>.<name>} per adapted
 *       parameter tensor and inner step {@code s}, a meta-parameter initialised at the inner rate;</li>
 *   <li><b>MSL</b>, the multi-step loss: the query loss after every inner step, weighted,
 *       {@code sum_s w_s(t) L_query(phi^(s+1))}, the weights moving towards the last step over the first
 *       iterations ({@link MultiStepLoss#annealed});</li>
 *   <li><b>DA</b>, derivative-order annealing: first-order inner gradients for the first
 *       {@code firstOrderIterations} meta-iterations, second order after.</li>
 * </ul>
 * For one task, with {@code phi^0 = theta}:
 * <pre>
 *   phi^(s+1)[n] = phi^s[n] - lr_s[n] * grad_n L_support(phi^s)      s = 0 .. k-1
 *   objective    = sum_s w_s(t) L_query(phi^(s+1))    (MSL off: L_query(phi^k))
 *   gradient     = d objective / d (theta, lr)        (DA: grad_n L_support taken as a constant while t &lt; N)
 * </pre>
 * With every switch off it computes MAML's numbers, to the bit. The cosine schedule of the outer rate,
 * the paper's other change to the meta-optimisation, belongs to the optimiser
 * ({@link org.metarec.algorithms.optim.CosineSchedule}); the paper's per-step batch-normalisation
 * statistics do not apply to metarec's networks, which have no batch normalisation.
 *
 * <p>References: A. Antoniou, H. Edwards, A. Storkey. How to train your MAML. ICLR 2019.
 *
 * @param <B> the batch type
 */
public final class MAMLPlusPlus<B> implements MetaLearner<B> {

    /** Prefix of the learned rates: {@code lr.<step>.<parameter>}, 1x1 each. */
    public static final String RATE_PREFIX = "lr.";

    /**
     * The query-loss weights {@code w_0 .. w_(k-1)} of the multi-step loss at a meta-iteration: the weight
     * of the loss after inner step {@code s + 1}.
     */
    @FunctionalInterface
    public interface MultiStepLoss {
        /** The {@code steps} weights at meta-iteration {@code iteration} (0-based). */
        double[] weights(int steps, long iteration);

        /** No multi-step loss: the last step's query loss alone, weight 1. */
        static MultiStepLoss lastStepOnly() {
            return (steps, iteration) -> lastOnly(steps);
        }

        /** The same weights at every iteration (the reference cases); as many as there are inner steps. */
        static MultiStepLoss fixed(double... weights) {
            double[] w = weights.clone();
            return (steps, iteration) -> {
                if (w.length != steps) {
                    throw new IllegalArgumentException("multi-step loss: " + w.length + " weights for " + steps
                            + " inner steps");
                }
                return w.clone();
            };
        }

        /**
         * The annealing of MAML++ (section 4, "multi-step loss optimisation"), as the authors' public code
         * computes it, with their epochs read as meta-iterations: with {@code k} steps the weights start
         * at {@code 1/k} each; every iteration moves {@code 1/(k * iterations)} of weight from each earlier
         * step to the last, until the earlier ones reach {@code 0.03/k} and the last
         * {@code 1 - 0.03 (k - 1)/k}; from iteration {@code iterations} on, the last step alone counts.
         * The weights always sum to 1.
         */
        static MultiStepLoss annealed(long iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("multi-step loss: annealing iterations must be >= 1, found "
                        + iterations);
            }
            return (steps, iteration) -> {
                if (steps <= 1 || iteration >= iterations) {
                    return lastOnly(steps);
                }
                double decay = 1.0 / steps / iterations;
                double floor = 0.03 / steps;
                double[] w = new double[steps];
                for (int s = 0; s < steps - 1; s++) {
                    w[s] = Math.max(1.0 / steps - iteration * decay, floor);
                }
                w[steps - 1] = Math.min(1.0 / steps + iteration * (steps - 1) * decay, 1 - (steps - 1) * floor);
                return w;
            };
        }

        private static double[] lastOnly(int steps) {
            double[] w = new double[steps];
            if (steps > 0) {
                w[steps - 1] = 1;
            }
            return w;
        }
    }

    /**
     * Which of MAML++'s changes are on.
     *
     * @param learnedRates LSLR: meta-learn one rate per adapted tensor and inner step (off: the inner rate,
     *     a constant)
     * @param multiStepLoss the query-loss weights of every step ({@link MultiStepLoss#lastStepOnly()}: off)
     * @param firstOrderIterations DA: meta-iterations that use first-order inner gradients before second
     *     order starts (0: second order throughout)
     */
    public record Switches(boolean learnedRates, MultiStepLoss multiStepLoss, long firstOrderIterations) {

        /** Meta-iterations over which the default multi-step loss is annealed. */
        public static final long DEFAULT_MSL_ITERATIONS = 100;

        /**
         * Every change on: LSLR, MSL annealed over {@link #DEFAULT_MSL_ITERATIONS}, no first-order phase
         * (these are metarec's defaults, not the paper's, whose schedules count epochs of its image tasks).
         */
        public static final Switches DEFAULT = of(true, true, DEFAULT_MSL_ITERATIONS, 0);

        /** Every change off: the learner computes MAML's numbers. */
        public static final Switches NONE = of(false, false, 1, 0);

        /** Requires a multi-step loss and {@code firstOrderIterations >= 0}. */
        public Switches {
            if (multiStepLoss == null || firstOrderIterations < 0) {
                throw new IllegalArgumentException("MAML++ switches: expected a multi-step loss and first-order "
                        + "iterations >= 0, found " + multiStepLoss + " and " + firstOrderIterations);
            }
        }

        /** The switches of a config: MSL on or off, annealed over {@code mslIterations}. */
        public static Switches of(boolean learnedRates, boolean multiStepLoss, long mslIterations,
                                  long firstOrderIterations) {
            return new Switches(learnedRates,
                    multiStepLoss ? MultiStepLoss.annealed(mslIterations) : MultiStepLoss.lastStepOnly(),
                    firstOrderIterations);
        }
    }

    private final InnerLoop<B> inner;
    private final double innerLr;
    private final int innerSteps;
    private final List<String> adapted;   // null: every model parameter
    private final Switches switches;
    private final long iteration;         // the meta-iteration this instance runs (atIteration)

    /**
     * @param loss the model's loss
     * @param innerLr the inner rate: every learned rate's initial value, or the constant rate without LSLR
     * @param innerSteps k, inner steps during meta-training
     * @param adapted names of the adapted parameters, or null for all
     * @param switches which changes are on
     */
    public MAMLPlusPlus(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted, Switches switches) {
        this(loss, innerLr, innerSteps, adapted, switches, 0);
    }

    private MAMLPlusPlus(TaskLoss<B> loss, double innerLr, int innerSteps, List<String> adapted, Switches switches,
                         long iteration) {
        if (innerSteps < 0 || switches == null) {
            throw new IllegalArgumentException("MAML++: expected inner steps >= 0 and switches, found " + innerSteps
                    + " and " + switches);
        }
        this.inner = new InnerLoop<>(loss, adapted);
        this.innerLr = innerLr;
        this.innerSteps = innerSteps;
        this.adapted = adapted == null ? null : List.copyOf(adapted);
        this.switches = switches;
        this.iteration = iteration;
    }

    @Override
    public String name() {
        return "mamlpp";
    }

    /** The same learner at meta-iteration {@code t}: its multi-step weights and derivative order. */
    @Override
    public MetaLearner<B> atIteration(long t) {
        return t == iteration ? this : new MAMLPlusPlus<>(inner.loss(), innerLr, innerSteps, adapted, switches, t);
    }

    /** With LSLR: theta followed by {@code lr.<s>.<name>} = inner rate, step by step, for each adapted tensor. */
    @Override
    public Params initMeta(Params modelInit) {
        if (!switches.learnedRates()) {
            return modelInit;
        }
        Params meta = modelInit;
        for (int s = 0; s < innerSteps; s++) {
            for (String name : adaptedNames(modelInit)) {
                meta = meta.with(rateName(s, name), Tensor.scalar(innerLr).asVariable());
            }
        }
        return meta;
    }

    /** The name of the learned rate of inner step {@code step} for parameter {@code name}. */
    public static String rateName(int step, String name) {
        return RATE_PREFIX + step + "." + name;
    }

    /** Everything but the learned rates. */
    @Override
    public Params modelParams(Params meta) {
        return LearnedRates.modelParams(meta, RATE_PREFIX);
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return adapted == null ? modelParams(theta).names() : adapted;
    }

    /** True with LSLR. */
    @Override
    public boolean learnsStepSizes() {
        return switches.learnedRates();
    }

    /**
     * {@code steps} plain inner steps at the rates of training; a step beyond the trained ones uses the
     * last trained step's rates.
     */
    @Override
    public Params adapt(Params meta, B support, int steps) {
        return inner.run(modelParams(meta), meta, support, steps, this::step, InnerLoop.Batches.fullBatch(), false);
    }

    /** The iterates of {@link #adapt} for 0 .. {@code steps} steps, in one pass. */
    @Override
    public List<Params> adaptationPath(Params meta, B support, int steps) {
        return inner.path(modelParams(meta), meta, support, steps, this::step, InnerLoop.Batches.fullBatch());
    }

    /** The paper's meta-objective for one task, differentiated with respect to theta and the rates. */
    @Override
    public TaskResult taskGradient(Params meta, Task<B> task) {
        // DA: first order takes each inner gradient as a constant, second order keeps its graph (Hessian terms).
        InnerLoop.Order order = iteration >= switches.firstOrderIterations()
                ? InnerLoop.Order.SECOND_ORDER : InnerLoop.Order.FIRST_ORDER;
        double[] w = switches.multiStepLoss().weights(innerSteps, iteration);
        boolean lastStepOnly = isLastStepOnly(w);
        Tensor[] objective = new Tensor[1];
        // MSL: the weighted query loss after every inner step, added as the loop goes.
        InnerLoop.StepObserver msl = lastStepOnly ? null : (s, phi) -> {
            if (w[s] != 0) {
                Tensor term = inner.loss().apply(phi, task.query()).mul(w[s]);
                objective[0] = objective[0] == null ? term : objective[0].add(term);
            }
        };
        Params phi = inner.run(modelParams(meta), meta, task.support(), innerSteps, this::step,
                InnerLoop.Batches.fullBatch(), order, msl);
        if (lastStepOnly) {
            objective[0] = inner.loss().apply(phi, task.query());
        }
        Params grad = meta.withValues(Autodiff.grad(objective[0], meta.tensors(), false, true));
        return new TaskResult(objective[0].item(), grad, phi.detach());
    }

    /**
     * {@code p - lr_s[name] g}: with LSLR the learned rate of step {@code s} (past the trained steps, the last
     * one's), in the graph; otherwise the constant inner rate (MAML's own operation).
     */
    private Tensor step(int s, String name, Tensor p, Tensor g, Params meta) {
        return switches.learnedRates() && innerSteps > 0
                ? p.sub(g.scaleBy(meta.get(rateName(Math.min(s, innerSteps - 1), name))))
                : p.addScaled(-innerLr, g);
    }

    private static boolean isLastStepOnly(double[] w) {
        for (int s = 0; s < w.length - 1; s++) {
            if (w[s] != 0) {
                return false;
            }
        }
        return w.length == 0 || w[w.length - 1] == 1;
    }

    /** The switches. */
    public Switches switches() {
        return switches;
    }

    /** The meta-iteration this instance runs. */
    public long iteration() {
        return iteration;
    }
}
