/**
 * The PyTorch reference cases ({@code metarec-metagrad-case/1}): reading them and computing their results
 * with metarec's meta-learners, for tests and for {@code bin/metarec metagrad}.
 */
package org.metarec.experiments.reference;
