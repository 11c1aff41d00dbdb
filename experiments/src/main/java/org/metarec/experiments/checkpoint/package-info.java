/**
 * Checkpoints in a documented binary format of our own (see {@code docs/checkpoints.md}): named double arrays
 * with shapes, named long arrays (RNG states), a step counter and a small string map, protected by a SHA-256
 * checksum. No Java serialisation is involved.
 */
package org.metarec.experiments.checkpoint;
