package org.metarec.core.random;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
 * the output function {@code mix(x)} and the sequence {@code mix(seed + i * GOLDEN_GAMMA)}, i = 1, 2, ...
 *
 * <p>Used to expand a 64-bit seed into the 256-bit state of xoshiro256**, as its authors recommend.
 */
public final class SplitMix64 {

    /** The odd increment 0x9E3779B97F4A7C15 (2^64 divided by the golden ratio). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /**
     * The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche,
     * z = (z ^ z>>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>>27) * 0x94D049BB133111EB; z ^ z>>>31.
     *
     * @param z any value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The i-th output (i &ge; 1) of SplitMix64 started from {@code seed}: {@code mix(seed + i * GOLDEN_GAMMA)}.
     *
     * @param seed the generator's initial state
     * @param i the 1-based position in the sequence
     * @return the i-th output
     */
    public static long output(long seed, long i) {
        return mix(seed + i * GOLDEN_GAMMA);
    }
}
