package org.metarec.experiments.explain;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.MetaSGD;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Params;
import org.metarec.core.random.Rng;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.reference.ReferenceCase;
import org.metarec.experiments.reference.ReferenceRunner;
import org.metarec.experiments.study.sinusoid.SinusoidExperiment;
import org.metarec.experiments.study.sinusoid.SinusoidStudy;

/**
 * A meta-gradient to look at: a method, the settings its learner is built from, the meta-parameters
 * (theta, and Meta-SGD's rates) and a few tasks. Made from a reference case (its own parameters and
 * tasks) or from a sinusoid config (the network at its initial parameters and tasks drawn from the
 * config's family).
 *
 * @param name where it came from, for titles
 * @param method the meta-learning method
 * @param settings loss, inner rate and steps, adapted parameters, batches
 * @param meta the meta-parameters the learner differentiates
 * @param tasks the tasks
 * @param study the sinusoid study of a config, null for a reference case
 */
public record MetaGradientProblem(String name, MetaMethod method, MetaLearnerSettings<XYBatch> settings, Params meta,
                                  List<Task<XYBatch>> tasks, SinusoidStudy study) {

    /** The case's own model, parameters, tasks and algorithm. */
    public static MetaGradientProblem of(ReferenceCase c) {
        if (!c.kind().equals("metalearn")) {
            throw new IllegalArgumentException(c.name() + ": kind " + c.kind() + " has no meta-gradient "
                    + "(expected a case of kind metalearn)");
        }
        ReferenceCase.Algorithm algorithm = c.algorithm();
        if (algorithm != ReferenceCase.Algorithm.MAML && algorithm != ReferenceCase.Algorithm.FOMAML
                && algorithm != ReferenceCase.Algorithm.REPTILE && algorithm != ReferenceCase.Algorithm.METASGD) {
            throw new IllegalArgumentException(c.name() + ": algorithm " + algorithm.formatName() + " is not one whose "
                    + "meta-gradient can be taken apart here (expected maml, fomaml, reptile or metasgd)");
        }
        MetaMethod method = algorithm.method();
        double lr = c.innerLrs() != null ? 0.0 : c.innerLr();
        MetaLearnerSettings<XYBatch> settings = MetaLearnerSettings.of(ReferenceRunner.loss(c), lr, c.innerSteps())
                .withAdapted(c.adapt());
        Params meta = c.params();
        if (c.innerLrs() != null) {
            for (String n : c.innerLrs().names()) {
                meta = meta.with(MetaSGD.RATE_PREFIX + n, c.innerLrs().get(n).asVariable());
            }
        }
        return new MetaGradientProblem(c.name(), method, settings, meta, c.tasks(), null);
    }

    /**
     * A sinusoid config's network for {@code method} at its initial parameters (the run's {@code init}
     * stream), with {@code taskCount} tasks of the config's family drawn from the stream
     * {@code explain/tasks}.
     *
     * @throws IllegalArgumentException when the config is not of the sinusoid kind
     */
    public static MetaGradientProblem of(Config config, String configFile, MetaMethod method, int taskCount) {
        if (!config.experiment().equals("sinusoid")) {
            throw new IllegalArgumentException(configFile + ": experiment: expected a sinusoid config (a network "
                    + "of explicit parameters on regression tasks), found " + config.experiment());
        }
        SinusoidStudy study = new SinusoidStudy(SinusoidExperiment.protocol(config, method.configName()));
        MetaLearner<XYBatch> learner = study.learner();
        Params meta = learner.initMeta(study.mlp().init(Rng.derive(config.seed(), "init")));
        Rng rng = Rng.derive(config.seed(), "explain/tasks");
        List<Task<XYBatch>> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            tasks.add(study.taskSource().draw(rng));
        }
        return new MetaGradientProblem(config.name(), method, study.settings(), meta, tasks, study);
    }

    /** The learner of the method, built from the settings. */
    public MetaLearner<XYBatch> learner() {
        return method.learner(settings);
    }

    /** Task {@code i}, with a clear message when there is no such task. */
    public Task<XYBatch> task(int i) {
        if (i < 0 || i >= tasks.size()) {
            throw new IllegalArgumentException(name + ": --task: expected 0 to " + (tasks.size() - 1) + ", found " + i);
        }
        return tasks.get(i);
    }
}
