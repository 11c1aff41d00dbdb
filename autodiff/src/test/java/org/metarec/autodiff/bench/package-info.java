/**
 * JMH benchmarks of the autodiff engine (not tests: Surefire does not run them). Run them with
 * {@code bin/bench-autodiff}; the figures and the targets they are measured against are in
 * {@code docs/benchmarks.md}.
 */
package org.metarec.autodiff.bench;
