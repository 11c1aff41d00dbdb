/** Outer-loop optimisers (SGD, Adam), learning-rate schedules (constant, cosine) and gradient clipping, returning new parameters instead of mutating them. */
package org.metarec.algorithms.optim;
