/**
 * What the recommendation studies ({@code crossdomain}, {@code coldstart}) share: the settings keys of
 * their training loops, the validated choice of the closed-form baselines, and the checkpointed grid of
 * trainings whose per-task metrics they pool.
 */
package org.metarec.experiments.study.rec;
