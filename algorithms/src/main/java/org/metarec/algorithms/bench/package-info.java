/** Workloads for the speed benchmarks ({@code bin/metarec bench}). */
package org.metarec.algorithms.bench;
