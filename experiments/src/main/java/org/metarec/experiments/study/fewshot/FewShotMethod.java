package org.metarec.experiments.study.fewshot;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.metarec.algorithms.data.ClassBatch;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaLearnerSettings;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.PrototypicalNetworks;
import org.metarec.algorithms.meta.TaskLoss;
import org.metarec.autodiff.nn.MLP;

/**
 * The methods of the few-shot study, each saying what network it trains and how it learns: Prototypical Networks
 * (an embedding, no classifier), MAML and first-order MAML (an N-way classifier adapted on the support set), and
 * the pretrained baseline (a classifier over all training classes, then a new N-way head fitted on the support
 * features; the "Baseline" of Chen et al., ICLR 2019).
 */
public enum FewShotMethod {

    /** Prototypical Networks (Snell et al. 2017). */
    PROTONET("protonet") {
        @Override
        int outputs(FewShotProtocol p) {
            return 0;
        }

        @Override
        MetaLearner<ClassBatch> learner(MLP mlp, TaskLoss<ClassBatch> loss, FewShotProtocol p) {
            return new PrototypicalNetworks(mlp::apply);
        }
    },

    /** Second-order MAML (Finn et al. 2017) with an N-way softmax classifier. */
    MAML("maml") {
        @Override
        MetaLearner<ClassBatch> learner(MLP mlp, TaskLoss<ClassBatch> loss, FewShotProtocol p) {
            return MetaMethod.MAML.learner(MetaLearnerSettings.of(loss, p.training().innerLr(), p.training().innerSteps()));
        }
    },

    /** First-order MAML. */
    FOMAML("fomaml") {
        @Override
        MetaLearner<ClassBatch> learner(MLP mlp, TaskLoss<ClassBatch> loss, FewShotProtocol p) {
            return MetaMethod.FOMAML.learner(MetaLearnerSettings.of(loss, p.training().innerLr(), p.training().innerSteps()));
        }
    },

    /** Supervised training over every training class at once, then a new head per test task. */
    PRETRAINED("pretrained") {
        @Override
        int outputs(FewShotProtocol p) {
            return p.classes().trainClasses();
        }

        @Override
        boolean globalLabels() {
            return true;
        }

        @Override
        MetaLearner<ClassBatch> learner(MLP mlp, TaskLoss<ClassBatch> loss, FewShotProtocol p) {
            return MetaMethod.PRETRAINED.learner(MetaLearnerSettings.of(loss, p.evaluation().lr(), 0)
                    .withConcat(ClassBatch::concat));
        }
    };

    private final String configName;

    FewShotMethod(String configName) {
        this.configName = configName;
    }

    /** The name configs use. */
    public String configName() {
        return configName;
    }

    /** The method named {@code name} in configs. */
    public static Optional<FewShotMethod> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    /** Every config name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(FewShotMethod::configName).toList();
    }

    /** The width of the network's output layer; 0 when the last hidden layer is the output (an embedding). */
    int outputs(FewShotProtocol p) {
        return p.episodes().ways();
    }

    /** Whether it trains on tasks labelled with global class ids (a classifier over every training class). */
    boolean globalLabels() {
        return false;
    }

    /** The learner that meta-trains the network. */
    abstract MetaLearner<ClassBatch> learner(MLP mlp, TaskLoss<ClassBatch> loss, FewShotProtocol p);
}
