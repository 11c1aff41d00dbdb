/** Benchmarks of the recommendation code (main methods, not tests). */
package org.metarec.algorithms.rec.bench;
