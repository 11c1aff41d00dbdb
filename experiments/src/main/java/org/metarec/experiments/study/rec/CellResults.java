package org.metarec.experiments.study.rec;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import org.metarec.algorithms.rec.TaskEvaluator;
import org.metarec.algorithms.rec.TestScores;
import org.metarec.experiments.plots.RunPlots;
import org.metarec.experiments.results.Measure;
import org.metarec.experiments.results.ResultSink;
import org.metarec.experiments.results.TaskId;
import org.metarec.algorithms.rec.train.Selection;
import org.metarec.algorithms.train.NonFiniteException;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.run.RunContext;

/**
 * The test results of a grid of trainings ("cells": one method, seed and setting each), for the kinds that
 * train many models in one run. A cell holds either {@link TestScores} per setting (tasks that are test users:
 * per-user and pooled metrics) or plain per-task values (tasks that are not users, such as few-shot episodes).
 * A checkpoint is written after every finished cell, holding the results of all finished cells (tensors
 * {@code cell/<index>/<metric>} for plain values; {@code cell/<index>/users/<setting>},
 * {@code cell/<index>/user/<setting>/<metric>} and {@code cell/<index>/pooled/<setting>/<metric>} for scores), so
 * {@code resume} continues with the next cell; at the end every cell is recorded with its seed, and each task
 * with its user, so that the summary can average per seed and count each user once.
 */
public final class CellResults {

    private final RunContext ctx;
    private final Map<Integer, Map<String, double[]>> plain = new LinkedHashMap<>();
    private final Map<Integer, Map<String, TestScores>> scored = new LinkedHashMap<>();

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
            Map<Integer, Map<String, double[]>> users = new TreeMap<>();
            Map<Integer, Map<String, Map<String, double[]>>> perUser = new TreeMap<>();
            Map<Integer, Map<String, Map<String, Double>>> pooled = new TreeMap<>();
            for (var e : saved.get().arrays().entrySet()) {
                String[] parts = e.getKey().split("/", -1);
                int cell = Integer.parseInt(parts[1]);
                double[] v = e.getValue().values();
                if (parts.length == 3) {   // cell/<index>/<metric>
                    r.plain.computeIfAbsent(cell, i -> new LinkedHashMap<>()).put(parts[2], v);
                } else if (parts[2].equals("users")) {
                    users.computeIfAbsent(cell, i -> new LinkedHashMap<>()).put(parts[3], v);
                } else if (parts[2].equals("user")) {
                    perUser.computeIfAbsent(cell, i -> new LinkedHashMap<>()).computeIfAbsent(parts[3], i -> new LinkedHashMap<>())
                            .put(parts[4], v);
                } else {
                    pooled.computeIfAbsent(cell, i -> new LinkedHashMap<>()).computeIfAbsent(parts[3], i -> new LinkedHashMap<>())
                            .put(parts[4], v[0]);
                }
            }
            users.forEach((cell, bySetting) -> {
                Map<String, TestScores> scores = new LinkedHashMap<>();
                bySetting.forEach((setting, u) -> scores.put(setting, new TestScores(
                        Arrays.stream(u).mapToInt(x -> (int) x).toArray(),
                        perUser.getOrDefault(cell, Map.of()).getOrDefault(setting, Map.of()),
                        pooled.getOrDefault(cell, Map.of()).getOrDefault(setting, Map.of()))));
                r.scored.put(cell, scores);
            });
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
        return plain.containsKey(cell) || scored.containsKey(cell);
    }

    /**
     * The number of finished cells.
     *
     * @return the count
     */
    public int doneCount() {
        return plain.size() + scored.size();
    }

    /**
     * The cells of a grid of {@code cells} that have not finished, ascending: what a run (or a resumed one) still
     * trains.
     *
     * @param cells the grid's size
     * @return the unfinished cells' indices
     */
    public List<Integer> pending(int cells) {
        return java.util.stream.IntStream.range(0, cells).filter(i -> !isDone(i)).boxed().toList();
    }

    /**
     * A trained and scored cell of a rating kind, waiting to be written ({@link CellRunner}).
     *
     * @param searched its training, before {@link Searched#log}
     * @param scores its test scores per setting, for {@link #finishScores}
     */
    public record Scored(Searched searched, Map<String, TestScores> scores) {}

    /**
     * Stores a finished cell's per-task values (tasks that are not users) and writes a checkpoint of every
     * finished cell.
     *
     * @param cell the cell's index
     * @param metrics metric name to per-task values
     * @throws IOException if the checkpoint cannot be written
     */
    public void finish(int cell, Map<String, double[]> metrics) throws IOException {
        plain.put(cell, metrics);
        save();
    }

    /**
     * Stores a finished cell's test scores, per setting (e.g. {@code k5}, or a cold-start state), and writes a
     * checkpoint of every finished cell.
     *
     * @param cell the cell's index
     * @param scores setting to the scores on that setting's test users
     * @throws IOException if the checkpoint cannot be written
     */
    public void finishScores(int cell, Map<String, TestScores> scores) throws IOException {
        scored.put(cell, scores);
        save();
    }

    private void save() throws IOException {
        Checkpoint.Builder b = Checkpoint.at(doneCount());
        plain.forEach((index, m) -> m.forEach((name, values) -> b.put("cell/" + index + "/" + name, values)));
        scored.forEach((index, bySetting) -> bySetting.forEach((setting, s) -> {
            b.put("cell/" + index + "/users/" + setting, Arrays.stream(s.users()).asDoubleStream().toArray());
            s.perUser().forEach((name, values) -> b.put("cell/" + index + "/user/" + setting + "/" + name, values));
            s.pooled().forEach((name, value) -> b.put("cell/" + index + "/pooled/" + setting + "/" + name, new double[] {value}));
        }));
        ctx.checkpoints().save(b.build());
    }

    /**
     * Records every cell's results in the run's results, cells in index order, each with its seed. Plain values
     * are tasks without users, and a metric named {@code name@S} is recorded as {@code name} after {@code S}
     * adaptation steps; scores are recorded per test user ({@code rmse_user} and the like) and per seed
     * ({@code rmse_pooled}), under {@code <metric>_<setting>}. A NaN per-user value is a user the metric does not
     * score ({@link TestScores#withPerUser}) and is left out (rating metrics are never NaN: they refuse non-finite
     * predictions).
     *
     * @param cells the number of cells (all finished)
     * @param method the method of a cell
     * @param seed the seed of a cell
     * @param setting the reported setting of a cell's setting (e.g. with the cell's cold-start ratio appended)
     *     Test users scored at {@link TaskEvaluator#DIVERGED_ERROR} ({@code rmse_user} at the cap) are counted in a note
     *     of {@code summary.md}, per method and setting.
     */
    public void record(int cells, IntFunction<String> method, IntToLongFunction seed, BiFunction<Integer, String, String> setting) {
        ResultSink sink = ctx.results();
        Map<String, Integer> diverged = new LinkedHashMap<>();   // "method setting" -> test users scored at the cap
        for (int i = 0; i < cells; i++) {
            String m = method.apply(i);
            long s = seed.applyAsLong(i);
            if (plain.containsKey(i)) {
                for (var e : plain.get(i).entrySet()) {
                    String metric = e.getKey();
                    int at = metric.lastIndexOf('@');   // "acc_k5@3": a metric after 3 adaptation steps
                    Measure measure = at < 0 ? new Measure(metric, "", null)
                            : new Measure(metric.substring(0, at), "", Integer.parseInt(metric.substring(at + 1)));
                    double[] values = e.getValue();
                    for (int t = 0; t < values.length; t++) {
                        sink.record(m, measure, new TaskId(s, t, null), values[t]);
                    }
                }
                continue;
            }
            for (var e : scored.get(i).entrySet()) {
                String name = setting.apply(i, e.getKey());
                TestScores scores = e.getValue();
                int[] users = scores.users();
                scores.perUser().forEach((metric, values) -> {
                    for (int t = 0; t < values.length; t++) {
                        if (Double.isNaN(values[t])) {
                            continue;   // not scored: a user without a relevant query item has no ranking metrics
                        }
                        sink.record(m, new Measure(metric, name, null), new TaskId(s, t, users[t]), values[t]);
                        if (metric.equals(TestScores.RMSE_USER) && values[t] >= TaskEvaluator.DIVERGED_ERROR) {
                            diverged.merge(m + " " + name, 1, Integer::sum);
                        }
                    }
                });
                scores.pooled().forEach((metric, value) -> sink.recordPooled(m, new Measure(metric, name, null), s, users, value));
            }
        }
        if (!diverged.isEmpty()) {
            // Test-time adaptation that blew up is scored at the cap (TaskEvaluator#cappingDivergence): say where.
            String note = String.format(java.util.Locale.ROOT, "test-time adaptation diverged on some test users (a "
                    + "prediction not a number or off by more than %.0e); each such rating is scored at an error of %.0e, so "
                    + "those means are lower bounds: ", TaskEvaluator.DIVERGED_ERROR, TaskEvaluator.DIVERGED_ERROR)
                    + diverged.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()
                            + (e.getValue() == 1 ? " user" : " users")).collect(java.util.stream.Collectors.joining(", "));
            ctx.progress().note(note);
            sink.note(note);
        }
    }

    /** The run log's line for a trained cell, the same in every kind: {@code trained <label> in <s> s}. */
    public static void logTrained(RunContext ctx, String label, double seconds) {
        ctx.progress().note(String.format(java.util.Locale.ROOT, "trained %s in %.1f s", label, seconds));
    }

    /**
     * Commits a trained and scored cell of a rating kind, in cell order ({@link CellRunner}): its log line, its
     * trials in {@code tuning.csv}, its scores and checkpoint, and the progress line.
     *
     * @param ctx the run
     * @param tuningLog the run's tuning log, or null without tuning
     * @param cell the cell's index
     * @param result what the cell's work returned
     * @param seconds how long that work took
     * @throws IOException if writing fails
     */
    public void commit(RunContext ctx, TuningLog tuningLog, int cell, Scored result, double seconds) throws IOException {
        logTrained(ctx, result.searched().label(), seconds);
        result.searched().log(ctx, tuningLog);
        finishScores(cell, result.scores());
        ctx.progress().update(doneCount(), Double.NaN);
    }

    /**
     * Adds {@link #leftOutNote}'s note for {@code metric} to the summary, when there is one: the rating kinds'
     * ranking metrics leave out the users without a query item rated at least {@code relevantMinRating}.
     *
     * @param ctx the run
     * @param metric the first ranking metric
     * @param relevantMinRating the rating from which a query item is relevant
     * @param cells the number of cells (all finished)
     * @param seed the seed of a cell
     * @param setting the reported setting of a cell's setting, as for {@link #record}
     */
    public void noteLeftOut(RunContext ctx, String metric, double relevantMinRating, int cells, IntToLongFunction seed,
                            BiFunction<Integer, String, String> setting) {
        String note = leftOutNote(metric, cells, seed, setting,
                "no query item rated >= " + org.metarec.experiments.config.Specs.format(relevantMinRating));
        if (note != null) {
            ctx.results().note(note);
        }
    }

    /**
     * What the summary says about the test users a metric leaves out (NaN values, e.g. the ranking metrics of users
     * without a relevant query item): per reported setting, the users left out and the users tested, summed over the
     * seeds (counted once per seed, whichever methods ran it).
     *
     * @param metric the metric, e.g. {@code full_hr10}
     * @param cells the number of cells (all finished)
     * @param seed the seed of a cell
     * @param setting the reported setting of a cell's setting, as for {@link #record}
     * @param why why a user is left out, e.g. "no query item rated >= 4"
     * @return the note, or null when the metric was not scored
     */
    public String leftOutNote(String metric, int cells, IntToLongFunction seed, BiFunction<Integer, String, String> setting,
                              String why) {
        Map<String, Map<Long, int[]>> counts = new java.util.TreeMap<>();   // setting -> seed -> {left out, tested}
        for (int i = 0; i < cells; i++) {
            if (!scored.containsKey(i)) {
                continue;
            }
            for (var e : scored.get(i).entrySet()) {
                double[] v = e.getValue().perUser().get(metric);
                if (v != null) {
                    int nan = (int) Arrays.stream(v).filter(Double::isNaN).count();
                    counts.computeIfAbsent(setting.apply(i, e.getKey()), k -> new TreeMap<>())
                            .putIfAbsent(seed.applyAsLong(i), new int[] {nan, v.length});
                }
            }
        }
        if (counts.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("test users left out of the ranking metrics (" + why + "), of those tested:");
        String sep = " ";
        for (var e : counts.entrySet()) {
            int out = e.getValue().values().stream().mapToInt(c -> c[0]).sum();
            int all = e.getValue().values().stream().mapToInt(c -> c[1]).sum();
            b.append(sep).append(e.getKey()).append(' ').append(out).append(" of ").append(all);
            if (e.getValue().size() > 1) {
                b.append(" over ").append(e.getValue().size()).append(" seeds");
            }
            sep = ", ";
        }
        return b.toString();
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
     * Trains one cell's method and logs its validation curve: {@link #search}, then {@link Searched#log}. The one place
     * the rating kinds train a cell, so they cannot drift apart.
     *
     * @param ctx the run
     * @param label the cell's label (messages, {@code train.csv})
     * @param tuning the kind's tuning section
     * @param tuningLog {@code tuning.csv} (null without tuning)
     * @param method the method whose space and budget apply (a variant's base method)
     * @param cell the cell's method name and setting ({@code tuning.csv}'s first two columns) and seed
     * @param training trains one drawn setting within a budget on the single split (with tuning; with k-fold
     *     validation, the final training of the chosen values)
     * @param onFold trains one drawn setting on one fold (used with {@code tuning.folds} &ge; 2 only)
     * @param untuned the method's own training (used without tuning)
     * @return the chosen recommender and its selection (with k-fold, the trials' fold means)
     * @throws IOException if tuning.csv or train.csv cannot be written
     */
    public static Tuner.Trained trainCell(RunContext ctx, String label, TuningSettings tuning, TuningLog tuningLog,
            RecMethod method, TunedCell cell, Tuner.Training training, Tuner.FoldTraining onFold,
            Supplier<Tuner.Trained> untuned) throws IOException {
        Searched s = search(ctx, label, tuning, method, cell, training, onFold, untuned);
        s.log(ctx, tuningLog);
        return s.trained();
    }

    /**
     * Trains one cell's method, writing nothing (so cells can train on several threads, {@link CellRunner}): with
     * {@code tuning.strategy: random} by {@link Tuner#randomSearch} (or {@link Tuner#kFoldSearch}) over the method's
     * space with its budget, stream {@code tuning/<method>/<cell>} of the cell's seed; otherwise the method's own
     * training, which chooses among its built-in candidates.
     *
     * @param ctx the run (its failure message for a non-finite loss)
     * @param label the cell's label
     * @param tuning the kind's tuning section
     * @param method the method whose space and budget apply (a variant's base method)
     * @param cell the cell's method name and setting and seed
     * @param training trains one drawn setting within a budget on the single split
     * @param onFold trains one drawn setting on one fold (used with {@code tuning.folds} &ge; 2 only)
     * @param untuned the method's own training (used without tuning)
     * @return the chosen recommender and what {@link Searched#log} writes
     */
    public static Searched search(RunContext ctx, String label, TuningSettings tuning, RecMethod method, TunedCell cell,
            Tuner.Training training, Tuner.FoldTraining onFold, Supplier<Tuner.Trained> untuned) {
        if (!tuning.random()) {
            return new Searched(label, cell, tuning.folds(), train(ctx, label, untuned), null);
        }
        TuningSettings.MethodTuning own = tuning.forMethod(method);
        org.metarec.core.random.Rng rng = org.metarec.core.random.Rng.derive(cell.seed(),
                "tuning/" + cell.method() + "/" + cell.setting());
        Tuner.Outcome o = train(ctx, label, () -> tuning.kFold()
                ? Tuner.kFoldSearch(own.space(), own.trials(), tuning.folds(), rng, onFold, training)
                : Tuner.randomSearch(own.space(), own.trials(), rng, training));
        return new Searched(label, cell, tuning.folds(), new Tuner.Trained(o.recommender(), o.selection()), o);
    }

    /**
     * A cell's training, before it is written.
     *
     * @param label the cell's label
     * @param cell the cell as {@code tuning.csv} names it
     * @param folds {@code tuning.folds}
     * @param trained the chosen recommender and its selection
     * @param outcome the search's trials, or null without tuning
     */
    public record Searched(String label, TunedCell cell, int folds, Tuner.Trained trained, Tuner.Outcome outcome) {

        /**
         * Writes the cell's trials to {@code tuning.csv} (with tuning) and its validation curve to {@code train.csv};
         * with k-fold validation the curve is the trials' fold means followed by the final training's own curve.
         *
         * @param ctx the run
         * @param tuningLog {@code tuning.csv} (null without tuning)
         * @throws IOException if a file cannot be written
         */
        public void log(RunContext ctx, TuningLog tuningLog) throws IOException {
            if (outcome == null) {
                logValidation(ctx, label, trained.selection());
                return;
            }
            tuningLog.add(cell.method(), cell.setting(), outcome.trials());
            if (outcome.refit() == null) {
                logValidation(ctx, label, trained.selection());
                return;
            }
            Selection.Checkpoint c = outcome.refit().chosen();
            ctx.progress().note(String.format(java.util.Locale.ROOT, "%s: final training with the chosen values (trial "
                    + "%d, %d-fold mean %.5g): step %d %s, validation RMSE %.5g", label, outcome.chosen().number(), folds,
                    outcome.chosen().validationRmse(), c.step(), c.setting(), c.validationRmse()));
            List<Selection.Checkpoint> both = new java.util.ArrayList<>(outcome.selection().history());
            for (Selection.Checkpoint r : outcome.refit().history()) {
                both.add(new Selection.Checkpoint(r.step(), ("refit " + r.setting()).strip(), r.validationRmse()));
            }
            logValidation(ctx, label, new Selection(both, outcome.selection().chosen()));
        }
    }

    /**
     * A cell as {@code tuning.csv} names it.
     *
     * @param method the method's name in the config (a variant keeps its suffix)
     * @param setting the cell's setting and seed, e.g. {@code k5_beta20_seed1}
     * @param seed the cell's seed, which seeds its search
     */
    public record TunedCell(String method, String setting, long seed) {}

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
