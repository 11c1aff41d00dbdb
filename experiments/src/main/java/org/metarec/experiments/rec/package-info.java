/**
 * What the recommendation kinds ({@code crossdomain}, {@code coldstart}) share: the settings keys of their
 * training loops and the checkpointed grid of trainings whose per-task metrics they pool.
 */
package org.metarec.experiments.rec;
