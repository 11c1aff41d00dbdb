/**
 * Functional layers over explicit parameters: {@link org.metarec.autodiff.nn.Linear},
 * {@link org.metarec.autodiff.nn.MLP} and {@link org.metarec.autodiff.nn.Embedding}. None holds
 * state: each is a pure function {@code apply(params, input)} of a
 * {@link org.metarec.autodiff.Params} map.
 */
package org.metarec.autodiff.nn;
