package org.metarec.experiments.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MetaGradientSplit;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The text of {@code metarec explain}: for each task, MAML's meta-gradient split into its
 * first-order part and the part through the inner updates ({@link MetaGradientSplit}), per parameter
 * tensor, then first-order MAML's and Reptile's directions for the same task against it.
 */
public final class Explanation {

    private Explanation() {
    }

    /** The splits of every task of {@code p} at its meta-parameters. */
    public static List<MetaGradientSplit> splits(MetaGradientProblem p) {
        return splits(p, p.learner().modelParams(p.meta()));
    }

    /** The splits of every task of {@code p} at model parameters {@code theta}. */
    public static List<MetaGradientSplit> splits(MetaGradientProblem p, Params theta) {
        MetaLearnerSettings<XYBatch> s = mamlSettings(p);
        List<MetaGradientSplit> out = new ArrayList<>();
        for (Task<XYBatch> task : p.tasks()) {
            out.add(MetaGradientSplit.of(s, theta, task));
        }
        return out;
    }

    /** MAML's settings for the problem: one inner rate is needed (Meta-SGD's per-element rates are not one). */
    static MetaLearnerSettings<XYBatch> mamlSettings(MetaGradientProblem p) {
        if (p.learner().learnsStepSizes()) {
            throw new IllegalArgumentException(p.name() + ": explain splits MAML's meta-gradient at one inner "
                    + "learning rate; this is a Meta-SGD problem with a rate per element (expected maml, fomaml, "
                    + "reptile or anil)");
        }
        return p.settings();
    }

    /** The whole text. */
    public static String text(MetaGradientProblem p) {
        List<MetaGradientSplit> splits = splits(p);
        MetaLearnerSettings<XYBatch> s = p.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: MAML's meta-gradient with inner rate %s and %d inner step%s%s, "
                        + "%d task%s%n", p.name(), number(s.innerLr()), s.innerSteps(), s.innerSteps() == 1 ? "" : "s",
                s.adapted() == null ? "" : " (adapting " + String.join(", ", s.adapted()) + ")",
                splits.size(), splits.size() == 1 ? "" : "s"));
        out.append("  full = first-order + through the inner updates: the first-order part is the query gradient at phi\n");
        out.append("  (first-order MAML's meta-gradient), the other the Hessian terms prod_j (I - alpha H_j) - I applied to it.\n");
        for (int i = 0; i < splits.size(); i++) {
            out.append(String.format(Locale.ROOT, "%ntask %d: query loss at phi %s%n", i, number(splits.get(i).queryLoss())));
            table(out, splits.get(i));
        }
        if (splits.size() > 1) {
            out.append(String.format(Locale.ROOT, "%nmean over the %d tasks (the meta-batch's meta-gradient):%n", splits.size()));
            table(out, mean(splits));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, MetaGradientSplit sp) {
        out.append(String.format(Locale.ROOT, "  %-12s %12s %14s %16s %14s %13s %16s%n", "parameter", "|full|",
                "|first-order|", "|through inner|", "cos(fo, inner)", "cos(fo, full)", "cos(inner, full)"));
        for (String n : sp.full().names()) {
            Tensor full = sp.full().get(n), fo = sp.firstOrder().get(n), in = sp.throughInner().get(n);
            out.append(String.format(Locale.ROOT, "  %-12s %12s %14s %16s %14s %13s %16s%n", n + " " + full.shape(),
                    number(GradClip.norm(full)), number(GradClip.norm(fo)),
                    number(GradClip.norm(in)), cos(MetaGradientSplit.cosine(fo, in)),
                    cos(MetaGradientSplit.cosine(fo, full)), cos(MetaGradientSplit.cosine(in, full))));
        }
        out.append(String.format(Locale.ROOT, "  %-12s %12s %14s %16s %14s %13s %16s%n", "all",
                number(GradClip.globalNorm(sp.full())), number(GradClip.globalNorm(sp.firstOrder())),
                number(GradClip.globalNorm(sp.throughInner())), cos(MetaGradientSplit.cosine(sp.firstOrder(), sp.throughInner())),
                cos(MetaGradientSplit.cosine(sp.firstOrder(), sp.full())), cos(MetaGradientSplit.cosine(sp.throughInner(), sp.full()))));
        out.append("  side by side with MAML's full meta-gradient (all parameters):\n");
        out.append(String.format(Locale.ROOT, "    %-8s %12s %15s%n", "method", "|direction|", "cos with MAML"));
        out.append(String.format(Locale.ROOT, "    %-8s %12s %15s%n", "maml", number(GradClip.globalNorm(sp.full())), cos(1.0)));
        out.append(String.format(Locale.ROOT, "    %-8s %12s %15s   (= the first-order part)%n", "fomaml",
                number(GradClip.globalNorm(sp.fomaml())), cos(MetaGradientSplit.cosine(sp.fomaml(), sp.full()))));
        out.append(String.format(Locale.ROOT, "    %-8s %12s %15s   (theta - phi: a step, compare its direction)%n", "reptile",
                number(GradClip.globalNorm(sp.reptile())), cos(MetaGradientSplit.cosine(sp.reptile(), sp.full()))));
    }

    /** The mean of the splits' parts (a mean of splits is the split of the mean meta-gradient). */
    static MetaGradientSplit mean(List<MetaGradientSplit> splits) {
        int n = splits.size();
        MetaGradientSplit first = splits.get(0);
        Params full = first.full(), fo = first.firstOrder(), in = first.throughInner(), fom = first.fomaml(),
                rep = first.reptile();
        double loss = first.queryLoss();
        for (int i = 1; i < n; i++) {
            MetaGradientSplit s = splits.get(i);
            full = full.zip(s.full(), Tensor::add);
            fo = fo.zip(s.firstOrder(), Tensor::add);
            in = in.zip(s.throughInner(), Tensor::add);
            fom = fom.zip(s.fomaml(), Tensor::add);
            rep = rep.zip(s.reptile(), Tensor::add);
            loss += s.queryLoss();
        }
        double k = 1.0 / n;
        return new MetaGradientSplit(loss * k, full.map(t -> t.mul(k)), fo.map(t -> t.mul(k)), in.map(t -> t.mul(k)),
                fom.map(t -> t.mul(k)), rep.map(t -> t.mul(k)));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String cos(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
