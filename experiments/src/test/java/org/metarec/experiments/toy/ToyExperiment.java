package org.metarec.experiments.toy;

import static org.metarec.experiments.config.Specs.integer;
import static org.metarec.experiments.config.Specs.key;
import static org.metarec.experiments.config.Specs.object;
import static org.metarec.experiments.config.Specs.real;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metarec.core.random.Rng;
import org.metarec.experiments.checkpoint.Checkpoint;
import org.metarec.experiments.config.Config;
import org.metarec.experiments.config.ObjectSpec;
import org.metarec.experiments.run.ExperimentKind;
import org.metarec.experiments.run.RunContext;

/**
 * The {@code toy} kind: linear least squares y = x·w* + noise, trained by minibatch SGD or Adam with random
 * minibatches, then evaluated on shifted test tasks. It exercises everything a real kind does (seeded streams,
 * training curve, checkpoints with optimiser and RNG state, NaN guard, parallel evaluation, per-task metrics for
 * two methods) in well under a second.
 *
 * <p>The two methods are the weights after the last step ({@code final}) and their running Polyak–Ruppert
 * average ({@code averaged}; Polyak and Juditsky, SIAM J. Control Optim. 30(4), 1992). Each test task shifts w*
 * by {@code task_shift} times a standard Gaussian, gives K = {@code evaluation.support_sizes[0]} support points and
 * {@code evaluation.query_points} query points; a method starts from its weights, takes full-batch gradient steps
 * on the support set with {@code evaluation.eval_lr}, and its query MSE and MAE are recorded after each count in
 * {@code evaluation.adapt_steps}.
 */
public final class ToyExperiment implements ExperimentKind {

    /** The method names, in table order (the first is the default reference). */
    public static final String FINAL = "final";
    /** The averaged-iterate method. */
    public static final String AVERAGED = "averaged";

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String description() {
        return "Seeded least-squares regression trained by minibatch SGD/Adam; a fast stand-in used to test the machinery.";
    }

    @Override
    public List<String> reads() {
        return List.of("optimizer.name", "optimizer.lr", "optimizer.betas", "optimizer.eps", "optimizer.clip_norm",
                "budget.meta_iterations", "budget.log_every", "budget.checkpoint_every",
                "evaluation.test_tasks", "evaluation.support_sizes", "evaluation.query_points", "evaluation.eval_lr",
                "evaluation.adapt_steps", "evaluation.reference");
    }

    /** The two rows this kind reports, whatever the config says. */
    @Override
    public List<String> rows(Map<String, Object> config) {
        return List.of(FINAL, AVERAGED);
    }

    @Override
    public ObjectSpec settings() {
        return object(
                key("dim", integer().atLeast(1)).defaultTo(5).doc("Number of features (and weights)."),
                key("samples", integer().atLeast(1)).defaultTo(256).doc("Training examples."),
                key("batch", integer().atLeast(1)).defaultTo(16).doc("Minibatch size (examples drawn with replacement)."),
                key("noise_std", real().atLeast(0)).defaultTo(0.1).doc("Standard deviation of the label noise."),
                key("task_shift", real().atLeast(0)).defaultTo(0.5).doc("Standard deviation of a test task's shift of the weights."),
                key("step_delay_ms", integer().atLeast(0)).defaultTo(0)
                        .doc("Sleep this many milliseconds after each step, so tests can kill a run midway."),
                key("inject_nan_at_step", integer().atLeast(0)).defaultTo(0)
                        .doc("Make the training loss NaN at this step to exercise the NaN guard; 0 means never."));
    }

    /** The training problem, regenerated identically from the seed on every start and resume. */
    private record Problem(double[] wTrue, double[][] x, double[] y) {
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Config c = ctx.config();
        int dim = c.getInt("toy.dim");
        Problem problem = problem(ctx.rng("toy/problem"), dim, c.getInt("toy.samples"), c.getDouble("toy.noise_std"));
        TrainState s = restoreOrStart(ctx, dim);
        ctx.trainLog().columns("loss");
        ctx.results().declareMethods(FINAL, AVERAGED);
        train(ctx, problem, s);
        evaluate(ctx, problem, s);
    }

    private static Problem problem(Rng rng, int dim, int n, double noise) {
        double[] w = gaussian(rng, dim, 1.0);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = gaussian(rng, dim, 1.0);
            y[i] = dot(x[i], w) + noise * rng.nextGaussian();
        }
        return new Problem(w, x, y);
    }

    /** Everything that changes during training; exactly what a checkpoint holds. */
    private static final class TrainState {
        long step;
        double[] w;
        double[] avg;
        double[] m;
        double[] v;
        Rng batches;
    }

    private static TrainState restoreOrStart(RunContext ctx, int dim) {
        TrainState s = new TrainState();
        Optional<Checkpoint> ck = ctx.checkpoints().latest();
        if (ck.isPresent()) {
            Checkpoint k = ck.get();
            s.step = k.step();
            s.w = k.doubles("w");
            s.avg = k.doubles("avg");
            s.m = k.doubles("adam_m");
            s.v = k.doubles("adam_v");
            s.batches = Rng.restore(k.longArray("rng_batches"));
        } else {
            s.w = new double[dim];
            s.avg = new double[dim];
            s.m = new double[dim];
            s.v = new double[dim];
            s.batches = ctx.rng("toy/batches");
        }
        return s;
    }

    private static void train(RunContext ctx, Problem p, TrainState s) throws Exception {
        Config c = ctx.config();
        long total = c.getLong("budget.meta_iterations");
        long logEvery = c.getLong("budget.log_every");
        long checkpointEvery = c.getLong("budget.checkpoint_every");
        int batch = c.getInt("toy.batch");
        long nanAt = c.getLong("toy.inject_nan_at_step");
        long delay = c.getLong("toy.step_delay_ms");
        Optimizer opt = Optimizer.of(c);
        ctx.progress().start("train", total, s.step);
        while (s.step < total) {
            long step = s.step + 1;
            int[] rows = new int[batch];
            for (int b = 0; b < batch; b++) {
                rows[b] = s.batches.nextInt(p.x().length);
            }
            double loss = mse(s.w, p, rows);
            double[] grad = gradient(s.w, p, rows);
            if (step == nanAt) {
                loss = Double.NaN;
            }
            ctx.checkFinite(step, FINAL, "loss", loss);
            ctx.checkFinite(step, FINAL, "gradient", grad);
            opt.update(s, grad, step);
            for (int j = 0; j < s.w.length; j++) {
                s.avg[j] += (s.w[j] - s.avg[j]) / step; // running mean of the iterates w_1..w_step
            }
            s.step = step;
            if (step % logEvery == 0 || step == total) {
                ctx.trainLog().append(step, FINAL, loss);
                ctx.trainLog().append(step, AVERAGED, mse(s.avg, p, rows));
            }
            if (step % checkpointEvery == 0 || step == total) {
                ctx.checkpoints().save(Checkpoint.at(step).put("w", s.w).put("avg", s.avg).put("adam_m", s.m)
                        .put("adam_v", s.v).put("rng_batches", s.batches.state()).build());
            }
            ctx.progress().update(step, loss);
            if (delay > 0) {
                Thread.sleep(delay);
            }
        }
        ctx.progress().finish();
    }

    /** SGD or Adam (Kingma and Ba, ICLR 2015) with optional gradient-norm clipping, as configured under {@code optimizer}. */
    private record Optimizer(boolean adam, double lr, double beta1, double beta2, double eps, double clip) {
        static Optimizer of(Config c) {
            boolean adam = c.getString("optimizer.name").equals("adam");
            // Adam's constants exist in the config only when the optimiser is Adam.
            double[] betas = adam ? c.getDoubleArray("optimizer.betas") : new double[2];
            return new Optimizer(adam, c.getDouble("optimizer.lr"), betas[0], betas[1], adam ? c.getDouble("optimizer.eps") : 0,
                    c.isSet("optimizer.clip_norm") ? c.getDouble("optimizer.clip_norm") : Double.POSITIVE_INFINITY);
        }

        void update(TrainState s, double[] grad, long step) {
            double norm = Math.sqrt(dot(grad, grad));
            double scale = norm > clip ? clip / norm : 1.0;
            for (int j = 0; j < grad.length; j++) {
                double g = grad[j] * scale;
                if (adam) {
                    s.m[j] = beta1 * s.m[j] + (1 - beta1) * g;
                    s.v[j] = beta2 * s.v[j] + (1 - beta2) * g * g;
                    double mHat = s.m[j] / (1 - Math.pow(beta1, step));
                    double vHat = s.v[j] / (1 - Math.pow(beta2, step));
                    s.w[j] -= lr * mHat / (Math.sqrt(vHat) + eps);
                } else {
                    s.w[j] -= lr * g;
                }
            }
        }
    }

    private static void evaluate(RunContext ctx, Problem p, TrainState s) throws Exception {
        Config c = ctx.config();
        int tasks = c.getInt("evaluation.test_tasks");
        int support = c.getIntArray("evaluation.support_sizes")[0];
        int query = c.getInt("evaluation.query_points");
        double lr = c.getDouble("evaluation.eval_lr");
        double shift = c.getDouble("toy.task_shift");
        double noise = c.getDouble("toy.noise_std");
        int[] steps = c.getIntArray("evaluation.adapt_steps");
        Arrays.sort(steps);
        Rng testStreams = ctx.rng("toy/test");
        ctx.parallel(tasks, t -> {
            // One stream per task: the numbers do not depend on which thread runs the task.
            Rng rng = testStreams.fork("task-" + t);
            double[] w = p.wTrue().clone();
            for (int j = 0; j < w.length; j++) {
                w[j] += shift * rng.nextGaussian();
            }
            Problem supportSet = problem(rng, w, support, noise);
            Problem querySet = problem(rng, w, query, noise);
            adaptAndRecord(ctx, FINAL, s.w, supportSet, querySet, steps, lr, t);
            adaptAndRecord(ctx, AVERAGED, s.avg, supportSet, querySet, steps, lr, t);
            return null;
        });
    }

    private static Problem problem(Rng rng, double[] w, int n, double noise) {
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = gaussian(rng, w.length, 1.0);
            y[i] = dot(x[i], w) + noise * rng.nextGaussian();
        }
        return new Problem(w, x, y);
    }

    private static void adaptAndRecord(RunContext ctx, String method, double[] start, Problem support, Problem query,
                                       int[] steps, double lr, int task) {
        double[] w = start.clone();
        int[] supportRows = range(support.y().length);
        int[] queryRows = range(query.y().length);
        int done = 0;
        for (int target : steps) {
            for (; done < target && supportRows.length > 0; done++) {
                double[] g = gradient(w, support, supportRows);
                for (int j = 0; j < w.length; j++) {
                    w[j] -= lr * g[j];
                }
            }
            ctx.results().record(method, "query_mse", target, task, mse(w, query, queryRows));
            ctx.results().record(method, "query_mae", target, task, mae(w, query, queryRows));
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static double[] gaussian(Rng rng, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = std * rng.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Mean squared error of x·w against y over {@code rows}. */
    private static double mse(double[] w, Problem p, int[] rows) {
        double s = 0;
        for (int r : rows) {
            double e = dot(p.x()[r], w) - p.y()[r];
            s += e * e;
        }
        return s / rows.length;
    }

    private static double mae(double[] w, Problem p, int[] rows) {
        double s = 0;
        for (int r : rows) {
            s += Math.abs(dot(p.x()[r], w) - p.y()[r]);
        }
        return s / rows.length;
    }

    /** Gradient of {@link #mse}: (2 / |rows|) * sum over rows of (x·w - y) x. */
    private static double[] gradient(double[] w, Problem p, int[] rows) {
        double[] g = new double[w.length];
        for (int r : rows) {
            double e = dot(p.x()[r], w) - p.y()[r];
            for (int j = 0; j < w.length; j++) {
                g[j] += 2 * e * p.x()[r][j] / rows.length;
            }
        }
        return g;
    }
}
