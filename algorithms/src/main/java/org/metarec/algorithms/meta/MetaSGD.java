package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Meta-SGD (Li, Zhou, Chen and Li 2017): MAML with a learned learning rate for every element of
 * every adapted parameter, meta-trained together with the initialisation:
 * <pre>
 *   phi_i = theta - alpha (*) grad_theta L_support_i(theta)      ((*) elementwise)
 *   (theta, alpha) &lt;- (theta, alpha) - beta grad_(theta, alpha) mean_i L_query_i(phi_i)
 * </pre>
 * The rates are meta-parameters named {@code alpha.<name>}, shaped like the parameter they scale.
 *
 * <p>References: Z. Li, F. Zhou, F. Chen, H. Li. Meta-SGD: Learning to Learn Quickly for Few-Shot
 * Learning. arXiv:1707.09835, 2017.
 *
 * @param <B> the batch type
 */
public final class MetaSGD<B> implements MetaLearner<B> {

    /** Prefix of the learning-rate meta-parameters. */
    public static final String RATE_PREFIX = "alpha.";

    private final InnerLoop<B> inner;
    private final double initialLr;
    private final int innerSteps;

    /**
     * @param loss the model's loss
     * @param initialLr the value every learning rate starts from
     * @param innerSteps inner steps during meta-training
     * @param adapted names of the adapted parameters, or null for all
     */
    public MetaSGD(TaskLoss<B> loss, double initialLr, int innerSteps, List<String> adapted) {
        this.inner = new InnerLoop<>(loss, adapted);
        this.initialLr = initialLr;
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "metasgd";
    }

    /** Theta followed by one rate tensor {@code alpha.<name>} per adapted parameter, filled with the initial rate. */
    @Override
    public Params initMeta(Params modelInit) {
        Params meta = modelInit;
        for (String name : inner.adaptedNames(modelInit)) {
            Tensor p = modelInit.get(name);
            meta = meta.with(RATE_PREFIX + name, Tensor.filled(p.rows(), p.cols(), initialLr).asVariable());
        }
        return meta;
    }

    /** The model's parameters inside the meta-parameters: everything but the rates. */
    @Override
    public Params modelParams(Params meta) {
        return LearnedRates.modelParams(meta, RATE_PREFIX);
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return inner.adaptedNames(modelParams(theta));
    }

    /** True: the rates {@code alpha.<name>} are meta-parameters. */
    @Override
    public boolean learnsStepSizes() {
        return true;
    }

    @Override
    public Params adapt(Params meta, B support, int steps) {
        return inner.run(modelParams(meta), meta, support, steps, MetaSGD::scaleByRate,
                InnerLoop.Batches.fullBatch(), false);
    }

    /** The iterates of {@link #adapt} for 0 .. {@code steps} steps, in one pass. */
    @Override
    public List<Params> adaptationPath(Params meta, B support, int steps) {
        return inner.path(modelParams(meta), meta, support, steps, MetaSGD::scaleByRate, InnerLoop.Batches.fullBatch());
    }

    @Override
    public TaskResult taskGradient(Params meta, Task<B> task) {
        Params phi = inner.run(modelParams(meta), meta, task.support(), innerSteps, MetaSGD::scaleByRate,
                InnerLoop.Batches.fullBatch(), true);
        Tensor queryLoss = inner.loss().apply(phi, task.query());
        Params grad = meta.withValues(Autodiff.grad(queryLoss, meta.tensors(), false, true));
        return new TaskResult(queryLoss.item(), grad, phi.detach());
    }

    /**
     * Meta-SGD's inner step of parameter {@code name}: {@code p - alpha_name * g}, elementwise, the rates read from
     * {@code meta} (the same at every step).
     */
    public static Tensor scaleByRate(int step, String name, Tensor p, Tensor g, Params meta) {
        return p.sub(meta.get(RATE_PREFIX + name).mul(g));
    }
}
