/**
 * Sweeps: a grid over config keys times a list of seeds, each point a run folder with a deterministic name, run
 * in parallel, skipping finished runs and resuming broken ones, optionally one shard of N, then reported together.
 */
package org.metarec.experiments.sweep;
