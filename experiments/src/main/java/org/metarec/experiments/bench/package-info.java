/** Workloads for the speed benchmarks ({@code bin/metarec bench}): recommender tasks and adaptation latency. */
package org.metarec.experiments.bench;
