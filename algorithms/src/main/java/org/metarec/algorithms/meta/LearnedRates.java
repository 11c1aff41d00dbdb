package org.metarec.algorithms.meta;

import java.util.ArrayList;
import java.util.List;
import org.metarec.autodiff.Params;

/**
 * The meta-parameters of the learners that meta-learn their inner rates next to theta (Meta-SGD, MAML++):
 * the model's parameters followed by rate tensors whose names start with a prefix.
 */
final class LearnedRates {

    private LearnedRates() {
    }

    /**
     * The model's parameters: every tensor of {@code meta} whose name does not start with {@code prefix}.
     *
     * @param meta the meta-parameters. Not modified.
     * @param prefix the prefix of the rates' names
     * @return the model's parameters, in their order in {@code meta}
     */
    static Params modelParams(Params meta, String prefix) {
        List<String> names = new ArrayList<>();
        for (String n : meta.names()) {
            if (!n.startsWith(prefix)) {
                names.add(n);
            }
        }
        return meta.subset(names);
    }
}
