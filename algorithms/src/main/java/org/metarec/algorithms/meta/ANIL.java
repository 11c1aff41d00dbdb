package org.metarec.algorithms.meta;

import java.util.List;

/**
 * Almost No Inner Loop (Raghu, Raghu, Bengio and Vinyals 2020): MAML in which only the head (the
 * last layer) is adapted in the inner loop; the body is shared by all tasks and learned by the
 * outer loop alone. The meta-gradient is second order, as in {@link MAML}, but the inner loop's
 * Hessian terms involve only the head, which makes it much cheaper.
 *
 * <p>References: A. Raghu, M. Raghu, S. Bengio, O. Vinyals. Rapid Learning or Feature Reuse?
 * Towards Understanding the Effectiveness of MAML. ICLR 2020.
 *
 * @param <B> the batch type
 */
public final class ANIL<B> extends MAML<B> {

    /**
     * @param loss the model's loss
     * @param head names of the parameters adapted in the inner loop (e.g. {@code MLP.headNames()})
     * @param innerLr the inner learning rate
     * @param innerSteps the inner steps during meta-training
     */
    public ANIL(TaskLoss<B> loss, List<String> head, double innerLr, int innerSteps) {
        super(loss, innerLr, innerSteps, requireHead(head));
    }

    private static List<String> requireHead(List<String> head) {
        if (head == null || head.isEmpty()) {
            throw new IllegalArgumentException("ANIL: expected the names of the head parameters to adapt, found none");
        }
        return head;
    }

    @Override
    public String name() {
        return "anil";
    }
}
