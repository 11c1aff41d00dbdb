package org.metarec.algorithms.meta;

import java.util.List;
import org.metarec.autodiff.Params;

/**
 * The result of one meta-step over a batch of tasks.
 *
 * @param metaLoss mean over tasks of the query loss at the adapted parameters, plus the learner's batch term
 *     ({@link MetaLearner#batchTerm}) when it has one
 * @param gradient mean over tasks of the per-task (pseudo-)gradients, by meta-parameter name, plus the batch
 *     term's gradient
 * @param adapted the adapted parameters of each task, in task order, when asked for; otherwise empty
 */
public record MetaStep(double metaLoss, Params gradient, List<Params> adapted) {}
