/** Outer-loop optimisers (SGD, Adam) and gradient clipping, returning new parameters instead of mutating them. */
package org.metarec.algorithms.optim;
