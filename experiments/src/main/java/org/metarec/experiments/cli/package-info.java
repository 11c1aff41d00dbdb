/**
 * The command line ({@code bin/metarec}), built with picocli: {@code run}, {@code resume}, {@code sweep},
 * {@code report}, {@code validate}, {@code data}, {@code config-docs}, {@code metagrad} (the PyTorch reference
 * cases) and {@code bench}. Exit codes ({@link org.metarec.experiments.cli.ExitCodes}): 0 success, 1 run failure,
 * 2 config or usage error.
 */
package org.metarec.experiments.cli;
