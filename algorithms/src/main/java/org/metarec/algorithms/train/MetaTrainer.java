package org.metarec.algorithms.train;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.MetaStep;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.algorithms.optim.Optimizer;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * The outer loop: draw a meta-batch of tasks, compute the meta-gradient, take an optimiser step.
 * Each drawn task is what the learner trains on ({@link MetaLearner#trainingTask}: Reptile's inner loop
 * sees the support and query sets together).
 *
 * <p>Its whole state is explicit ({@link #meta()}, the optimiser's {@code state()}, the task
 * generator's {@link Rng} and the step count), so a checkpoint can save it and a resumed run
 * continues with exactly the same numbers. Tasks take their random numbers in order from one stream
 * before the meta-batch is computed in parallel, so the number of threads never changes what is drawn
 * (a {@link StagedTaskSource} builds each task from its numbers later, on the thread that learns from
 * it).
 *
 * @param <B> the batch type of the tasks
 */
public final class MetaTrainer<B> {

    /** Draws one task from a random stream. */
    @FunctionalInterface
    public interface TaskSource<B> {
        /** A new task; all randomness from {@code rng}. */
        Task<B> draw(Rng rng);

        /**
         * {@code source} with each task drawn from a generator of its own, seeded by one number of the
         * stream: the seeds are taken in order and the tasks made in parallel, which pays when making
         * a task costs as much as learning from it (the recnet benchmark draws 2,000 Gaussians per
         * task). The tasks differ from {@code source}'s own, but not with the number of threads.
         */
        static <B> TaskSource<B> seededPerTask(TaskSource<B> source) {
            return new StagedTaskSource<B, Long>() {
                @Override
                public Long prepare(Rng rng) {
                    return rng.nextLong();
                }

                @Override
                public Task<B> build(Long seed) {
                    return source.draw(Rng.seeded(seed));
                }
            };
        }
    }

    /**
     * A task source whose draw splits in two: {@link #prepare} reads every random number a task needs
     * from the stream, in order, and is cheap; {@link #build} makes the task from them without
     * randomness. The trainer prepares the tasks of a meta-batch in order and builds each on the
     * thread that learns from it, so the expensive half runs in parallel; the tasks are those of
     * {@code build(prepare(rng))} in order, with any number of threads.
     *
     * @param <B> the batch type
     * @param <R> what {@code prepare} draws
     */
    public interface StagedTaskSource<B, R> extends TaskSource<B> {
        /** The random part of a task, taken from {@code rng}. */
        R prepare(Rng rng);

        /** The task of {@code drawn}; no randomness. */
        Task<B> build(R drawn);

        @Override
        default Task<B> draw(Rng rng) {
            return build(prepare(rng));
        }
    }

    /**
     * What one meta-iteration did.
     *
     * @param step the meta-iteration just completed (1-based)
     * @param metaLoss the mean query loss over the meta-batch, before the update
     * @param gradNorm the global norm of the (pseudo-)gradient, before clipping
     */
    public record StepReport(long step, double metaLoss, double gradNorm) {}

    private final MetaLearner<B> learner;
    private final Optimizer optimizer;
    private final TaskSource<B> tasks;
    private final TaskPool pool;
    private final int metaBatchSize;
    private final double clipNorm;     // <= 0: no clipping
    private Params meta;
    private Rng taskRng;
    private long step;

    /**
     * @param learner the meta-learner
     * @param optimizer the outer optimiser
     * @param tasks the task distribution
     * @param pool runs the tasks of a meta-batch (its thread count does not change results)
     * @param metaBatchSize tasks per meta-iteration
     * @param clipNorm maximum global gradient norm, or 0 for none
     * @param meta the starting meta-parameters
     * @param taskRng the stream tasks are drawn from
     */
    public MetaTrainer(MetaLearner<B> learner, Optimizer optimizer, TaskSource<B> tasks, TaskPool pool,
                       int metaBatchSize, double clipNorm, Params meta, Rng taskRng) {
        if (metaBatchSize < 1) {
            throw new IllegalArgumentException("MetaTrainer: meta-batch size must be >= 1, found " + metaBatchSize);
        }
        this.learner = learner;
        this.optimizer = optimizer;
        this.tasks = tasks;
        this.pool = pool;
        this.metaBatchSize = metaBatchSize;
        this.clipNorm = clipNorm;
        this.meta = meta;
        this.taskRng = taskRng;
    }

    /**
     * One meta-iteration.
     *
     * @throws NonFiniteException when the meta-loss or a gradient entry is NaN or infinite; the
     *     parameters are then left as they were before this step
     */
    public StepReport step() {
        long next = step + 1;
        List<Task<B>> drawn;
        if (tasks instanceof StagedTaskSource<B, ?> staged) {
            drawn = prepared(staged, learner, taskRng, metaBatchSize);
        } else {
            drawn = new ArrayList<>(metaBatchSize);
            for (int i = 0; i < metaBatchSize; i++) {
                drawn.add(learner.trainingTask(tasks.draw(taskRng)));
            }
        }
        MetaLearner<B> current = learner.atIteration(step);
        MetaStep r = pool.step(current, meta, drawn, current.readsAdapted());
        if (!Double.isFinite(r.metaLoss())) {
            throw new NonFiniteException(next, learner.name(), "meta-loss", r.metaLoss());
        }
        for (String name : r.gradient().names()) {
            Tensor g = r.gradient().get(name);
            for (double x : g.data().data) {
                if (!Double.isFinite(x)) {
                    throw new NonFiniteException(next, learner.name(), "meta-gradient of " + name, x);
                }
            }
        }
        double norm = GradClip.globalNorm(r.gradient());
        Params grad = clipNorm > 0 ? GradClip.clipGlobalNorm(r.gradient(), clipNorm) : r.gradient();
        meta = current.afterStep(optimizer.step(meta, grad), r);
        step = next;
        return new StepReport(step, r.metaLoss(), norm);
    }

    /**
     * {@code n} tasks prepared in order now, each built when it is read: {@link TaskPool#step} reads
     * task i once, on the thread that learns from it.
     */
    private static <B, R> List<Task<B>> prepared(StagedTaskSource<B, R> source, MetaLearner<B> learner, Rng rng,
                                                 int n) {
        List<R> drawn = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drawn.add(source.prepare(rng));
        }
        return new BuiltWhenRead<>(drawn, source, learner);
    }

    /** A list whose i-th task is built from its drawn numbers each time it is read. */
    private static final class BuiltWhenRead<B, R> extends AbstractList<Task<B>> implements RandomAccess {
        private final List<R> drawn;
        private final StagedTaskSource<B, R> source;
        private final MetaLearner<B> learner;

        BuiltWhenRead(List<R> drawn, StagedTaskSource<B, R> source, MetaLearner<B> learner) {
            this.drawn = drawn;
            this.source = source;
            this.learner = learner;
        }

        @Override
        public Task<B> get(int i) {
            return learner.trainingTask(source.build(drawn.get(i)));
        }

        @Override
        public int size() {
            return drawn.size();
        }
    }

    /** The current meta-parameters. */
    public Params meta() {
        return meta;
    }

    /** Meta-iterations completed. */
    public long stepCount() {
        return step;
    }

    /** The task stream (its {@code state()} goes into checkpoints). */
    public Rng taskRng() {
        return taskRng;
    }

    /** The optimiser (its {@code state()} goes into checkpoints). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The learner. */
    public MetaLearner<B> learner() {
        return learner;
    }

    /** Puts back a checkpointed state: parameters, task stream and step count (the optimiser restores its own). */
    public void restore(Params savedMeta, Rng savedTaskRng, long savedStep) {
        this.meta = savedMeta;
        this.taskRng = savedTaskRng;
        this.step = savedStep;
    }
}
