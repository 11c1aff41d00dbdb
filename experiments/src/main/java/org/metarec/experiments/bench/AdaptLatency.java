package org.metarec.experiments.bench;

import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.rec.Personalizer;
import org.metarec.algorithms.rec.Recommendation;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Interactions;
import org.metarec.core.tasks.RatingTask;

/**
 * Measures real-time personalisation: for held-out users in turn, the wall-clock time of
 * {@link Personalizer#recommend} (adapt on {@code ratings} of their target ratings, score every
 * candidate, pick the top 10). The first {@code warmup} calls are not timed (JIT compilation).
 * A measurement, not a test: the numbers depend on the machine and its load.
 */
public final class AdaptLatency {

    /**
     * The measured latencies.
     *
     * @param candidates the number of items scored per call
     * @param repetitions the number of timed calls
     * @param p50Millis the median, in milliseconds
     * @param p99Millis the 99th percentile, in milliseconds
     */
    public record Result(int candidates, int repetitions, double p50Millis, double p99Millis) {}

    private AdaptLatency() {
    }

    /**
     * Times {@code repetitions} calls after {@code warmup} untimed ones.
     *
     * @param personalizer the personalizer (its candidates are scored)
     * @param factory builds the users' contexts (the study's test factory)
     * @param users held-out users (their target rows supply the ratings), used round-robin
     * @param ratings how many of each user's target ratings to adapt on (users with fewer are skipped)
     * @param warmup untimed calls first
     * @param repetitions timed calls, at least 1
     * @return the percentiles
     */
    public static Result measure(Personalizer personalizer, BatchFactory factory, List<RatingTask> users, int ratings,
            int warmup, int repetitions) {
        if (repetitions < 1 || warmup < 0 || ratings < 1) {
            throw new IllegalArgumentException("adapt latency: expected repetitions >= 1, warmup >= 0 and ratings >= 1,"
                    + " found " + repetitions + ", " + warmup + ", " + ratings);
        }
        Interactions x = factory.data();
        List<RatingTask> usable = users.stream().filter(t -> x.countOf(t.user(), t.domain()) >= ratings).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("adapt latency: expected a user with at least " + ratings
                    + " target ratings, found none among " + users.size());
        }
        long[] nanos = new long[repetitions];
        double checksum = 0;   // consumed below so the calls cannot be optimised away
        for (int r = 0; r < warmup + repetitions; r++) {
            RatingTask task = usable.get(r % usable.size());
            int[] rows = Arrays.copyOf(x.rowsOf(task.user(), task.domain()), ratings);
            int[] items = Arrays.stream(rows).map(x::item).toArray();
            double[] values = x.ratings(rows);
            UserContext who = factory.context(task.user(), task.domain());
            long start = System.nanoTime();
            List<Recommendation> top = personalizer.recommend(who, items, values, 10);
            long elapsed = System.nanoTime() - start;
            checksum += top.isEmpty() ? 0 : top.get(0).predicted();
            if (r >= warmup) {
                nanos[r - warmup] = elapsed;
            }
        }
        if (Double.isNaN(checksum)) {
            throw new IllegalStateException("adapt latency: a prediction was NaN");
        }
        Arrays.sort(nanos);
        int p99 = (int) Math.min(repetitions - 1, Math.ceil(0.99 * repetitions) - 1);
        return new Result(personalizer.candidates().length, repetitions, nanos[(repetitions - 1) / 2] / 1e6,
                nanos[p99] / 1e6);
    }
}
