package org.metarec.experiments.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.ImplicitMAML;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaSGD;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * Runs a {@link ReferenceCase} through metarec's own meta-learners and autodiff, and returns the
 * results under the keys of the case format's {@code expected} object, as JSON-ready values
 * (weights as arrays of rows, biases as flat lists).
 */
public final class ReferenceRunner {

    private ReferenceRunner() {}

    /** Computes the case's results; {@code threads} tasks run in parallel. */
    public static Map<String, Object> run(ReferenceCase c, int threads) {
        return c.kind().equals("hvp") ? runHvp(c) : runMetaLearning(c, threads);
    }

    /** The loss the case names, over the case's MLP. */
    public static TaskLoss<XYBatch> loss(ReferenceCase c) {
        boolean mse = c.loss().equals("mse");
        return (params, batch) -> {
            Tensor out = c.mlp().apply(params, batch.x());
            return mse ? Ops.mse(out, batch.y()) : Ops.bceWithLogits(out, batch.y());
        };
    }

    /**
     * The meta-learner the case names, built by the methods registry: maml_lslr and maml_msl are MAML++ with
     * one switch on (learned rates; the multi-step loss at the case's weights), imaml is implicit MAML with a
     * conjugate-gradient budget that solves its system exactly (see {@link #EXACT_CG_TOLERANCE}).
     */
    public static MetaLearner<XYBatch> learner(ReferenceCase c) {
        double lr = c.innerLrs() != null ? 0.0 : c.innerLr();   // per-element or per-step rates are set from the case
        MetaLearnerSettings<XYBatch> s = MetaLearnerSettings.of(loss(c), lr, c.innerSteps()).withAdapted(c.adapt());
        switch (c.algorithm()) {
            case MAML_LSLR -> s = s.withMamlpp(new MAMLPlusPlus.Switches(true, MAMLPlusPlus.MultiStepLoss.lastStepOnly(), 0));
            case MAML_MSL -> s = s.withMamlpp(new MAMLPlusPlus.Switches(false,
                    MAMLPlusPlus.MultiStepLoss.fixed(c.stepWeights()), 0));
            case IMAML -> s = s.withImaml(new ImplicitMAML.Settings(c.lambda(),
                    EXACT_CG_ITERATIONS_PER_PARAMETER * c.params().numel(), EXACT_CG_TOLERANCE));
            default -> { }
        }
        return c.algorithm().method().learner(s);
    }

    /**
     * CG's relative residual for imaml cases. The format asks for a residual of about 1e-12; with the
     * cases' smallest eigenvalue of at least 0.05 the solution's error is then at most 20 times that.
     */
    static final double EXACT_CG_TOLERANCE = 1e-14;

    /** CG converges in n steps in exact arithmetic; rounding may need a few rounds more. */
    static final int EXACT_CG_ITERATIONS_PER_PARAMETER = 4;

    private static Map<String, Object> runMetaLearning(ReferenceCase c, int threads) {
        MetaLearner<XYBatch> learner = learner(c);
        Params meta = c.params();
        if (c.innerLrs() != null) {
            boolean perStep = c.algorithm() == ReferenceCase.Algorithm.MAML_LSLR;   // already named lr.<s>.<name>
            for (String name : c.innerLrs().names()) {
                meta = meta.with(perStep ? name : MetaSGD.RATE_PREFIX + name, c.innerLrs().get(name).asVariable());
            }
        }
        MetaStep r;
        try (TaskPool pool = new TaskPool(threads)) {
            r = pool.step(learner, meta, c.tasks(), true);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta_loss", r.metaLoss());
        if (c.algorithm() == ReferenceCase.Algorithm.REPTILE) {
            // The learner returns theta - phi; the format's delta is mean_i (phi_i - theta).
            out.put("reptile_delta", toJson(r.gradient().map(Tensor::neg)));
        } else {
            out.put("meta_grad", toJson(r.gradient()));
        }
        List<Object> adapted = new ArrayList<>();
        for (Params phi : r.adapted()) {
            adapted.add(toJson(phi));
        }
        out.put("adapted", adapted);
        return out;
    }

    private static Map<String, Object> runHvp(ReferenceCase c) {
        Params p = c.params();
        List<Tensor> params = p.tensors();
        Tensor loss = loss(c).apply(p, c.data());
        List<Tensor> v = new ArrayList<>();
        for (String name : p.names()) {
            v.add(c.v().get(name));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loss", loss.item());
        out.put("grad", toJson(p.withValues(Autodiff.grad(loss, params, false))));
        out.put("hvp", toJson(p.withValues(Autodiff.hvp(loss, params, v, false))));
        out.put("grad_norm_grad", toJson(p.withValues(Autodiff.gradNormGrad(loss, params, false))));
        return out;
    }

    /**
     * Parameters as JSON values: row vectors whose name starts with "b" (or "alpha.b") as flat lists, MAML++'s
     * per-step rates {@code lr.<s>.<name>} as numbers.
     */
    public static Map<String, Object> toJson(Params p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : p.names()) {
            Tensor t = p.get(name);
            if (name.startsWith(MAMLPlusPlus.RATE_PREFIX)) {
                m.put(name, t.item());
                continue;
            }
            String base = name.startsWith(MetaSGD.RATE_PREFIX) ? name.substring(MetaSGD.RATE_PREFIX.length()) : name;
            if (t.rows() == 1 && base.startsWith("b")) {
                m.put(name, toList(t.toArray()));
            } else {
                List<Object> rows = new ArrayList<>();
                for (double[] row : t.toRows()) {
                    rows.add(toList(row));
                }
                m.put(name, rows);
            }
        }
        return m;
    }

    private static List<Object> toList(double[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (double d : a) {
            l.add(d);
        }
        return l;
    }
}
