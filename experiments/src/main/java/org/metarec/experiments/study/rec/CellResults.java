package org.metarec.experiments.study.rec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import org.metarec.experiments.plots.RunPlots;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.run.RunContext;

/**
 * The per-task metrics of a grid of trainings ("cells": one method, seed and setting each), for the kinds that
 * train many models in one run. A checkpoint is written after every finished cell, holding the metrics of all
 * finished cells (tensors {@code cell/<index>/<metric>}), so {@code resume} continues with the next cell; at the
 * end the cells are recorded with the tasks of cells that share a method and metric (several seeds) numbered one
 * after the other, in cell order.
 */
public final class CellResults {

    private final RunContext ctx;
    private final Map<Integer, Map<String, double[]>> done = new LinkedHashMap<>();

    private CellResults(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The finished cells of the run's checkpoint, if any.
     *
     * @param ctx the run
     * @return the results so far
     */
    public static CellResults restore(RunContext ctx) {
        CellResults r = new CellResults(ctx);
        Optional<Checkpoint> saved = ctx.checkpoints().latest();
        if (saved.isPresent()) {
            for (var e : saved.get().arrays().entrySet()) {
                String[] parts = e.getKey().split("/", 3);   // cell/<index>/<metric>
                r.done.computeIfAbsent(Integer.parseInt(parts[1]), i -> new LinkedHashMap<>())
                        .put(parts[2], e.getValue().values());
            }
        }
        return r;
    }

    /**
     * Whether a cell has finished.
     *
     * @param cell the cell's index
     * @return true if its metrics are here
     */
    public boolean isDone(int cell) {
        return done.containsKey(cell);
    }

    /**
     * The number of finished cells.
     *
     * @return the count
     */
    public int doneCount() {
        return done.size();
    }

    /**
     * Stores a finished cell's metrics and writes a checkpoint of every finished cell.
     *
     * @param cell the cell's index
     * @param metrics metric name to per-task values
     * @throws IOException if the checkpoint cannot be written
     */
    public void finish(int cell, Map<String, double[]> metrics) throws IOException {
        done.put(cell, metrics);
        Checkpoint.Builder b = Checkpoint.at(done.size());
        done.forEach((index, m) -> m.forEach((name, values) -> b.put("cell/" + index + "/" + name, values)));
        ctx.checkpoints().save(b.build());
    }

    /**
     * Records every cell's per-task values in the run's results, cells in index order. A metric named
     * {@code name@S} is recorded as {@code name} after {@code S} adaptation steps.
     *
     * @param cells the number of cells (all finished)
     * @param method the method of a cell
     * @param metricName the reported name of a cell's metric (e.g. with the cell's setting appended)
     */
    public void record(int cells, IntFunction<String> method, BiFunction<Integer, String, String> metricName) {
        Map<String, Integer> offsets = new LinkedHashMap<>();   // per method and metric, the next task number
        for (int i = 0; i < cells; i++) {
            for (var e : done.get(i).entrySet()) {
                String metric = metricName.apply(i, e.getKey());
                String counter = method.apply(i) + "/" + metric;
                int offset = offsets.getOrDefault(counter, 0);
                double[] values = e.getValue();
                int at = metric.lastIndexOf('@');   // "acc_k5@3": a metric after 3 adaptation steps
                for (int t = 0; t < values.length; t++) {
                    if (at < 0) {
                        ctx.results().record(method.apply(i), metric, offset + t, values[t]);
                    } else {
                        ctx.results().record(method.apply(i), metric.substring(0, at),
                                Integer.parseInt(metric.substring(at + 1)), offset + t, values[t]);
                    }
                }
                offsets.put(counter, offset + values.length);
            }
        }
    }

    /**
     * Runs a training, turning a non-finite loss into the run's own failure that names the cell and the step.
     *
     * @param ctx the run
     * @param label the cell's label, e.g. {@code maml_seed2}
     * @param training the training
     * @param <T> what it returns
     * @return what the training returned
     */
    public static <T> T train(RunContext ctx, String label, Supplier<T> training) {
        try {
            return training.get();
        } catch (NonFiniteException e) {
            ctx.checkFinite(e.step(), label + " (" + e.method() + ")", e.quantity(), e.value());
            throw e;
        }
    }

    /**
     * Appends a cell's validation curve to {@code train.csv} (column {@code validation_rmse}; unscored
     * checkpoints are left out), one series per setting the selection scored ({@link RunPlots#series}).
     *
     * @param ctx the run
     * @param label the cell's label
     * @param selection how the cell's method was chosen
     * @throws IOException if train.csv cannot be written
     */
    public static void logValidation(RunContext ctx, String label, Selection selection) throws IOException {
        List<Selection.Checkpoint> history = selection.history();
        for (Selection.Checkpoint s : history) {
            if (Double.isFinite(s.validationRmse())) {
                // One series per setting tried (fine-tuning rates, shrinkages), so no step has two unlabelled rows.
                ctx.trainLog().append(s.step(), RunPlots.series(label, s.setting()), s.validationRmse());
            }
        }
    }
}
