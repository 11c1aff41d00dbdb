/**
 * Results: per-task metric values collected during a run ({@link org.metarec.experiments.results.ResultSink}),
 * summarised with 95% Student-t intervals and paired tests against a reference method
 * ({@link org.metarec.experiments.results.Summary}, written as {@code summary.json} / {@code summary.md}), and
 * reports that merge several run folders with intervals across seeds ({@link org.metarec.experiments.report.Report}).
 */
package org.metarec.experiments.results;
