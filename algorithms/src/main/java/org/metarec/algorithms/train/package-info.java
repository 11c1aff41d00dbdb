/** The outer training loop with explicit, checkpointable state. */
package org.metarec.algorithms.train;
