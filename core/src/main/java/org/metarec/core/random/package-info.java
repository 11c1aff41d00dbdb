/**
 * Seeded random streams whose numbers do not depend on the JDK, the platform or the order in which
 * other parts of a program draw numbers.
 *
 * <p>{@link org.metarec.core.random.Rng} implements xoshiro256** (Blackman and Vigna, 2018), seeded by
 * SplitMix64 (Steele, Lea and Flood, 2014). Every use of randomness gets its own stream, derived from the
 * experiment seed and a purpose name by {@link org.metarec.core.random.Rng#derive(long, String)}, so adding
 * a random draw in one place never changes the numbers drawn in another.
 */
package org.metarec.core.random;
