/** The {@code crossdomain} experiment kind: cold-start recommendation across domains, run from a config. */
package org.metarec.experiments.crossdomain;
