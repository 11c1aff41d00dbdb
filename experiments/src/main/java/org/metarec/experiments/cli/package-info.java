/**
 * The command line ({@code bin/metarec}), built with picocli: {@code run}, {@code resume}, {@code sweep},
 * {@code report}, {@code validate}, {@code data}, {@code config-docs}, and the placeholders {@code metagrad} and
 * {@code bench}. Exit codes: 0 success, 1 run failure, 2 config or usage error, 3 not implemented yet.
 */
package org.metarec.experiments.cli;
