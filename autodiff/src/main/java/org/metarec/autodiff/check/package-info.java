/**
 * Checking derivatives: {@link org.metarec.autodiff.check.GradCheck} compares analytic gradients of
 * any order with finite differences, and {@link org.metarec.autodiff.check.Property} runs a check
 * over seeded random shapes, edge shapes first, shrinking a failure to the smallest shape.
 */
package org.metarec.autodiff.check;
