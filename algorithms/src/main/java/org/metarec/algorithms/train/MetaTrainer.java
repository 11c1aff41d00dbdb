package org.metarec.algorithms.train;

import java.util.ArrayList;
import java.util.List;
import org.metarec.algorithms.meta.MetaBatch;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.meta.Task;
import org.metarec.algorithms.optim.GradClip;
import org.metarec.algorithms.optim.Optimizer;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.random.Rng;

/**
 * The outer loop: draw a meta-batch of tasks, compute the meta-gradient, take an optimiser step.
 *
 * <p>Its whole state is explicit ({@link #meta()}, the optimiser's {@code state()}, the task
 * generator's {@link Rng} and the step count), so a checkpoint can save it and a resumed run
 * continues with exactly the same numbers. Tasks are drawn in order from one stream before the
 * meta-batch is computed in parallel, so the number of threads never changes what is drawn.
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
         * stream. The trainer takes the seeds in order and then draws the tasks of a meta-batch in
         * parallel, which pays when making a task costs as much as learning from it (the recnet
         * benchmark draws 2,000 Gaussians per task). The tasks differ from {@code source}'s own, but
         * not with the number of threads.
         */
        static <B> TaskSource<B> seededPerTask(TaskSource<B> source) {
            return new SeededPerTask<>(source);
        }
    }

    /** See {@link TaskSource#seededPerTask}. */
    private record SeededPerTask<B>(TaskSource<B> source) implements TaskSource<B> {
        @Override
        public Task<B> draw(Rng rng) {
            return source.draw(Rng.seeded(rng.nextLong()));
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
    private final MetaBatch batch;
    private final int metaBatchSize;
    private final double clipNorm;     // <= 0: no clipping
    private Params meta;
    private Rng taskRng;
    private long step;

    /**
     * @param learner the meta-learner
     * @param optimizer the outer optimiser
     * @param tasks the task distribution
     * @param batch runs the tasks of a meta-batch (its thread count does not change results)
     * @param metaBatchSize tasks per meta-iteration
     * @param clipNorm maximum global gradient norm, or 0 for none
     * @param meta the starting meta-parameters
     * @param taskRng the stream tasks are drawn from
     */
    public MetaTrainer(MetaLearner<B> learner, Optimizer optimizer, TaskSource<B> tasks, MetaBatch batch,
                       int metaBatchSize, double clipNorm, Params meta, Rng taskRng) {
        if (metaBatchSize < 1) {
            throw new IllegalArgumentException("MetaTrainer: meta-batch size must be >= 1, found " + metaBatchSize);
        }
        this.learner = learner;
        this.optimizer = optimizer;
        this.tasks = tasks;
        this.batch = batch;
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
        List<Task<B>> drawn = new ArrayList<>(metaBatchSize);
        if (tasks instanceof SeededPerTask<B> seeded) {
            List<Long> seeds = new ArrayList<>(metaBatchSize);
            for (int i = 0; i < metaBatchSize; i++) {
                seeds.add(taskRng.nextLong());
            }
            drawn.addAll(batch.map(seeds, seed -> seeded.source().draw(Rng.seeded(seed))));
        } else {
            for (int i = 0; i < metaBatchSize; i++) {
                drawn.add(tasks.draw(taskRng));
            }
        }
        MetaBatch.Result r = batch.step(learner, meta, drawn);
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
        meta = optimizer.step(meta, grad);
        step = next;
        return new StepReport(step, r.metaLoss(), norm);
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
