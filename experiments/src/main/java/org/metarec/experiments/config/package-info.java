/**
 * Configs: YAML 1.2 read safely into position-carrying nodes ({@link org.metarec.experiments.config.YamlReader}),
 * a small declarative schema language ({@link org.metarec.experiments.config.Specs}), the schema itself
 * ({@link org.metarec.experiments.config.ConfigSchema}), {@code extends} and {@code --set} handling
 * ({@link org.metarec.experiments.config.ConfigLoader}), the validated {@link org.metarec.experiments.config.Config}
 * and its canonical YAML, and the generated reference {@code docs/configs.md}.
 */
package org.metarec.experiments.config;
