package org.metarec.core.metrics;

/** Validation shared by the metric classes: two aligned, non-empty arrays of finite numbers. */
final class MetricInputs {

    private MetricInputs() {
    }

    /**
     * Checks that truth and predicted have the same non-zero length and hold only finite values.
     *
     * @throws IllegalArgumentException naming the first offending array and index
     */
    static void check(double[] truth, double[] predicted) {
        if (truth == null || predicted == null) {
            throw new IllegalArgumentException("metric inputs: expected two arrays, found null");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("metric inputs: expected truth and predicted of equal length, found "
                    + truth.length + " and " + predicted.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("metric inputs: expected at least one value, found none");
        }
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i])) {
                throw new IllegalArgumentException("truth[" + i + "]: expected a finite number, found " + truth[i]);
            }
            if (!Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("predicted[" + i + "]: expected a finite number, found "
                        + predicted[i]);
            }
        }
    }

    static void checkCutoff(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("cutoff k: expected >= 1, found " + k);
        }
    }
}
