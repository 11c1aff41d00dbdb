/**
 * The built-in default data: a synthetic multi-domain rating world with known structure.
 *
 * <p>Users have latent preferences shared across domains plus a domain-specific part, with a parameter
 * setting how much transfers; items have latents; ratings are a known signal plus Gaussian noise of known
 * variance, so the lowest achievable mean squared error (the noise floor) is known exactly. See
 * {@link org.metarec.core.synthetic.SyntheticWorld}.
 */
package org.metarec.core.synthetic;
