/**
 * What the recommendation studies ({@code crossdomain}, {@code coldstart}) share: the settings keys of
 * their training loops, the validated choice of the closed-form baselines, the checkpointed grid of
 * trainings whose per-task metrics they pool, and their tuning: random search over each method's space
 * with one budget of validation scorings for every method ({@link org.metarec.experiments.study.rec.Tuner}),
 * recorded in {@code tuning.csv} ({@link org.metarec.experiments.study.rec.TuningLog}).
 */
package org.metarec.experiments.study.rec;
