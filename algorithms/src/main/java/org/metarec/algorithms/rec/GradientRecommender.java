package org.metarec.algorithms.rec;

import java.util.List;
import org.metarec.algorithms.meta.InnerLoop;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.autodiff.Params;

/**
 * A recommender made of a model, a per-user starting point and an adaptation rule:
 * {@code phi_u = adapt(start(u), support_u)}, predictions {@code model(phi_u, rows)}. Every
 * gradient-based method is one: the meta-learners start everyone from the meta-learned
 * initialisation and adapt by their inner loop, pooled pretraining starts from the user's own trained
 * row (or the average user) and fine-tunes by SGD, EMCDR and PTUPCDR start from the mapped vector.
 * An empty support set (K = 0) skips adaptation.
 */
public final class GradientRecommender implements ColdStartRecommender {

    /** A user's starting parameters. */
    @FunctionalInterface
    public interface Start {
        /**
         * The parameters the user's adaptation starts from.
         *
         * @param user what is known about the user
         * @return parameters in the cold-start form
         */
        Params paramsFor(UserContext user);
    }

    /** How a user's parameters are fitted to their support set. */
    @FunctionalInterface
    public interface Adaptation {
        /**
         * The adapted parameters.
         *
         * @param start the starting parameters
         * @param support the support set (at least one row)
         * @return constants
         */
        Params adapt(Params start, RatingBatch support);
    }

    private final String method;
    private final RecModel model;
    private final Start start;
    private final Adaptation adaptation;

    /**
     * @param method the method's name
     * @param model the model
     * @param start the per-user starting point
     * @param adaptation the adaptation rule
     */
    public GradientRecommender(String method, RecModel model, Start start, Adaptation adaptation) {
        this.method = method;
        this.model = model;
        this.start = start;
        this.adaptation = adaptation;
    }

    /**
     * Plain SGD on the support loss over the named parameters: {@code steps} steps of
     * {@code phi <- phi - lr grad L_support(phi)} (no steps when {@code lr} is 0).
     *
     * @param loss the support loss
     * @param names the parameters to adapt
     * @param lr the learning rate, &ge; 0
     * @param steps the number of steps, &ge; 0
     * @return the adaptation rule
     */
    public static Adaptation sgd(TaskLoss<RatingBatch> loss, List<String> names, double lr, int steps) {
        if (!(lr >= 0) || steps < 0) {
            throw new IllegalArgumentException("SGD adaptation: expected lr >= 0 and steps >= 0, found " + lr + ", "
                    + steps);
        }
        InnerLoop<RatingBatch> inner = new InnerLoop<>(loss, names);
        return (p, support) -> lr == 0 || steps == 0 ? p.detach()
                : inner.run(p, p, support, steps, InnerLoop.StepSize.constant(lr), InnerLoop.Batches.fullBatch(), false);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public UserPredictor adapt(UserContext user, RatingBatch support) {
        Params phi = adaptedParams(user, support);
        return batch -> RatingLoss.predict(model, phi, batch);
    }

    /**
     * The user's adapted parameters (the start when the support set is empty).
     *
     * @param user what is known about the user
     * @param support the support set
     * @return the parameters
     */
    public Params adaptedParams(UserContext user, RatingBatch support) {
        Params p0 = start.paramsFor(user);
        return support.size() == 0 ? p0 : adaptation.adapt(p0, support);
    }

    /**
     * The parameters a user's adaptation starts from, before any support rating.
     *
     * @param user what is known about the user
     * @return parameters in the cold-start form
     */
    public Params startFor(UserContext user) {
        return start.paramsFor(user);
    }

    /**
     * The model.
     *
     * @return the model
     */
    public RecModel model() {
        return model;
    }
}
