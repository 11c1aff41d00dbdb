package org.metarec.algorithms.meta;

import java.util.List;
import java.util.function.BinaryOperator;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The transfer baseline of Finn et al. (2017, section 5.1, "pretrained"): one network trained on
 * all the examples of every task jointly, with no inner loop, then fine-tuned at test time by
 * plain SGD like the others. With tasks of equal size, the mean of the per-task gradients of
 * {@code L(theta, support + query)} is the gradient of the loss on all points of the meta-batch.
 *
 * @param <B> the batch type
 */
public final class JointTraining<B> implements MetaLearner<B> {

    private final InnerLoop<B> inner;
    private final double fineTuneLr;
    private final BinaryOperator<B> combine;

    /**
     * @param loss the model's loss
     * @param fineTuneLr the SGD learning rate of test-time fine-tuning
     * @param combine joins a task's support and query sets into one batch
     */
    public JointTraining(TaskLoss<B> loss, double fineTuneLr, BinaryOperator<B> combine) {
        this.inner = new InnerLoop<>(loss, null);
        this.fineTuneLr = fineTuneLr;
        this.combine = combine;
    }

    @Override
    public String name() {
        return "pretrained";
    }

    @Override
    public List<String> adaptedNames(Params theta) {
        return theta.names();
    }

    @Override
    public Params adapt(Params theta, B support, int steps) {
        return inner.run(theta, support, steps, fineTuneLr, false);
    }

    @Override
    public TaskResult taskGradient(Params theta, Task<B> task) {
        Tensor loss = inner.loss().apply(theta, combine.apply(task.support(), task.query()));
        Params grad = theta.withValues(Autodiff.grad(loss, theta.tensors(), false, true));
        return new TaskResult(loss.item(), grad, theta.detach());
    }
}
