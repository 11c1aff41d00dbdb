/**
 * Results: the test values of a run, each with its seed and user ({@link org.metarec.experiments.results.ResultSink},
 * {@link org.metarec.experiments.results.TaskId}), summarised with seeds as the unit of evidence: the mean over
 * seeds of the per-seed means with a Student-t interval over them, tests over seeds and over users counted once,
 * corrected over the table ({@link org.metarec.experiments.results.Summary}, written as {@code summary.json} /
 * {@code summary.md}); the evidence behind it in {@code per_seed.csv} and {@code per_user.csv}
 * ({@link org.metarec.experiments.results.EvidenceFiles}), from which reports merge several run folders
 * ({@link org.metarec.experiments.report.Report}).
 */
package org.metarec.experiments.results;
