package org.metarec.core.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A seeded random stream: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021) seeded by {@link SplitMix64}.
 *
 * <p>Every number it returns is computed here from the 64-bit outputs of xoshiro256** (never by the JDK's
 * default methods), and {@link StrictMath} is used where a transcendental function is needed, so a seed
 * gives the same numbers on every JDK and platform.
 *
 * <p>Each stream has a 64-bit <em>key</em>. {@link #seeded(long)} uses the seed as the key;
 * {@link #fork(String)} and {@link #derive(long, String)} hash a key and a purpose name with SHA-256 into a
 * new key, so that each purpose gets its own stream and adding a draw for one purpose never changes
 * another. A fork depends only on the key and the name, not on how many numbers were drawn before.
 *
 * <p>{@link #state()} and {@link #restore(long[])} save and restore a stream exactly (including a cached
 * Gaussian). Instances are not thread-safe: give each thread its own fork.
 */
public final class Rng implements RandomGenerator {

    /** Length of the array returned by {@link #state()}. */
    public static final int STATE_LENGTH = 7;

    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final float FLOAT_UNIT = 0x1.0p-24f;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private final long key;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    private Rng(long s0, long s1, long s2, long s3, long key) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.key = key;
    }

    /**
     * The stream whose key is {@code seed}: xoshiro256** state = the first four SplitMix64 outputs from seed.
     *
     * @param seed any 64-bit value
     * @return a new generator
     */
    public static Rng seeded(long seed) {
        return new Rng(SplitMix64.output(seed, 1), SplitMix64.output(seed, 2),
                SplitMix64.output(seed, 3), SplitMix64.output(seed, 4), seed);
    }

    /**
     * The stream for one purpose of an experiment: {@code seeded(seed).fork(purpose)}, i.e. the key is the
     * first 8 bytes (big-endian) of SHA-256(seed as 8 big-endian bytes, purpose as UTF-8).
     *
     * @param seed the experiment seed
     * @param purpose a name for what the numbers are used for, e.g. "split/users"
     * @return a new generator independent of the streams of other purposes
     */
    public static Rng derive(long seed, String purpose) {
        return seeded(hashKey(seed, purpose));
    }

    /**
     * A child stream for {@code childPurpose}: key = SHA-256(this key, childPurpose) as in
     * {@link #derive(long, String)}. Pure function of this stream's key and the name; it neither reads nor
     * advances this generator's position, so forking the same name twice gives the same stream.
     *
     * @param childPurpose a name, e.g. "task-17"
     * @return a new generator
     */
    public Rng fork(String childPurpose) {
        return derive(key, childPurpose);
    }

    /**
     * The key that identifies this stream (the seed for {@link #seeded(long)}, a hash for forks).
     *
     * @return the key
     */
    public long key() {
        return key;
    }

    /**
     * The complete state, for checkpoints: {s0, s1, s2, s3, key, hasSpareGaussian (0 or 1),
     * raw bits of the spare Gaussian}.
     *
     * @return a new array of length {@link #STATE_LENGTH}
     */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, key, hasSpareGaussian ? 1 : 0,
            Double.doubleToRawLongBits(spareGaussian)};
    }

    /**
     * A generator that continues exactly where the one that produced {@code state} (by {@link #state()}) was.
     *
     * @param state an array of length {@link #STATE_LENGTH}
     * @return a new generator
     * @throws IllegalArgumentException if the array has the wrong length, the xoshiro part is all zero
     *     (a fixed point of the generator) or the spare flag is not 0 or 1
     */
    public static Rng restore(long[] state) {
        Objects.requireNonNull(state, "state");
        if (state.length != STATE_LENGTH) {
            throw new IllegalArgumentException("Rng state: expected " + STATE_LENGTH + " longs, found "
                    + state.length);
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException(
                    "Rng state: expected a non-zero xoshiro256** state, found all four words zero");
        }
        if (state[5] != 0 && state[5] != 1) {
            throw new IllegalArgumentException("Rng state: expected spare-Gaussian flag 0 or 1, found "
                    + state[5]);
        }
        Rng rng = new Rng(state[0], state[1], state[2], state[3], state[4]);
        rng.hasSpareGaussian = state[5] == 1;
        rng.spareGaussian = Double.longBitsToDouble(state[6]);
        return rng;
    }

    /**
     * An independent copy in the same state: {@code restore(state())}.
     *
     * @return a new generator
     */
    public Rng copy() {
        return restore(state());
    }

    /**
     * The next 64-bit output of xoshiro256**: rotl(s1 * 5, 7) * 9, then the linear state update.
     *
     * @return a uniformly distributed long
     */
    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * The upper 32 bits of {@link #nextLong()} (the best bits of xoshiro256**).
     *
     * @return a uniformly distributed int
     */
    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /**
     * A uniform int in [0, bound), without modulo bias, by Lemire's multiply-and-reject method
     * ("Fast random integer generation in an interval", ACM TOMACS 29(1), 2019).
     *
     * @param bound the exclusive upper bound, &gt; 0
     * @return a value in [0, bound)
     */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: expected > 0, found " + bound);
        }
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xFFFF_FFFFL;
        if (low < bound) {
            // 2^32 mod bound: outputs whose low part falls below it would make some values more likely.
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xFFFF_FFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /**
     * A uniform int in [origin, bound).
     *
     * @param origin inclusive lower bound
     * @param bound exclusive upper bound, &gt; origin
     * @return a value in [origin, bound)
     */
    @Override
    public int nextInt(int origin, int bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("range: expected origin < bound, found origin " + origin
                    + " and bound " + bound);
        }
        int width = bound - origin;
        if (width > 0) {
            return origin + nextInt(width);
        }
        // The width overflows an int: draw full ints until one falls in range (acceptance >= 1/2).
        while (true) {
            int r = nextInt();
            if (r >= origin && r < bound) {
                return r;
            }
        }
    }

    /**
     * A uniform long in [0, bound), by rejecting the incomplete last block of 63-bit values.
     *
     * @param bound the exclusive upper bound, &gt; 0
     * @return a value in [0, bound)
     */
    @Override
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: expected > 0, found " + bound);
        }
        while (true) {
            long bits = nextLong() >>> 1;
            long value = bits % bound;
            // bits - value is the start of bits' block; accept unless the block runs past 2^63.
            if (bits - value + (bound - 1) >= 0) {
                return value;
            }
        }
    }

    /**
     * A uniform long in [origin, bound).
     *
     * @param origin inclusive lower bound
     * @param bound exclusive upper bound, &gt; origin
     * @return a value in [origin, bound)
     */
    @Override
    public long nextLong(long origin, long bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("range: expected origin < bound, found origin " + origin
                    + " and bound " + bound);
        }
        long width = bound - origin;
        if (width > 0) {
            return origin + nextLong(width);
        }
        while (true) {
            long r = nextLong();
            if (r >= origin && r < bound) {
                return r;
            }
        }
    }

    /**
     * A uniform double in [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53.
     *
     * @return a value in [0, 1)
     */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * A uniform double in [0, bound).
     *
     * @param bound exclusive upper bound, finite and &gt; 0
     * @return a value in [0, bound)
     */
    @Override
    public double nextDouble(double bound) {
        return uniform(0.0, bound);
    }

    /**
     * A uniform double in [origin, bound); same as {@link #uniform(double, double)}.
     *
     * @param origin inclusive lower bound
     * @param bound exclusive upper bound
     * @return a value in [origin, bound)
     */
    @Override
    public double nextDouble(double origin, double bound) {
        return uniform(origin, bound);
    }

    /**
     * A uniform double in [lo, hi): lo + (hi - lo) * u with u from {@link #nextDouble()}.
     *
     * @param lo inclusive lower bound, finite
     * @param hi exclusive upper bound, finite and &gt; lo
     * @return a value in [lo, hi)
     */
    public double uniform(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException("uniform range: expected finite lo < hi, found [" + lo + ", "
                    + hi + ")");
        }
        double x = lo + (hi - lo) * nextDouble();
        // Rounding can land exactly on hi; the interval is half-open.
        return x < hi ? x : Math.nextDown(hi);
    }

    /**
     * A uniform float in [0, 1): the top 24 bits of {@link #nextLong()} times 2^-24.
     *
     * @return a value in [0, 1)
     */
    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * FLOAT_UNIT;
    }

    /**
     * A fair coin: the sign bit of {@link #nextLong()}.
     *
     * @return true with probability 1/2
     */
    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * A standard normal deviate by Marsaglia's polar method (Marsaglia and Bray, SIAM Review 6(3), 1964):
     * (u, v) uniform in the unit disc, s = u^2 + v^2, returns u * sqrt(-2 ln s / s) and caches
     * v * sqrt(-2 ln s / s) for the next call.
     *
     * @return a N(0, 1) deviate
     */
    @Override
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.sqrt(-2.0 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /**
     * A normal deviate mean + stddev * {@link #nextGaussian()}.
     *
     * @param mean the mean
     * @param stddev the standard deviation, &ge; 0
     * @return a N(mean, stddev^2) deviate
     */
    @Override
    public double nextGaussian(double mean, double stddev) {
        if (!(stddev >= 0.0) || !Double.isFinite(stddev) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("gaussian: expected finite mean and stddev >= 0, found mean "
                    + mean + ", stddev " + stddev);
        }
        return mean + stddev * nextGaussian();
    }

    /**
     * An exponential deviate with rate 1 by inversion: -ln(1 - u).
     *
     * @return a value &ge; 0
     */
    @Override
    public double nextExponential() {
        return -StrictMath.log1p(-nextDouble());
    }

    /**
     * Shuffles the array in place by the Fisher-Yates (Durstenfeld) algorithm: for i = n-1 down to 1,
     * swap a[i] with a[j], j uniform in [0, i].
     *
     * @param a the array to permute
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /**
     * Shuffles the list in place by the Fisher-Yates algorithm (same draws as {@link #shuffle(int[])}).
     *
     * @param list a mutable list
     * @param <T> element type
     */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    /**
     * A uniformly random permutation of 0..n-1: the identity shuffled by {@link #shuffle(int[])}.
     *
     * @param n the length, &ge; 0
     * @return a new array
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation length: expected >= 0, found " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /**
     * k distinct integers from [0, n), uniformly, in random order (the first k steps of a forward
     * Fisher-Yates shuffle of 0..n-1).
     *
     * @param n the population size, &ge; 0
     * @param k the sample size, 0 &le; k &le; n
     * @return a new array of length k
     */
    public int[] sample(int n, int k) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("sample: expected 0 <= k <= n, found k=" + k + ", n=" + n);
        }
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(n - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
        }
        return Arrays.copyOf(pool, k);
    }

    /**
     * A readable description naming the stream's key.
     *
     * @return e.g. {@code Rng[key=0x000000000000002a]}
     */
    @Override
    public String toString() {
        return String.format("Rng[key=0x%016x]", key);
    }

    private static long hashKey(long parentKey, String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        MessageDigest sha = sha256();
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (parentKey >>> shift));
        }
        byte[] digest = sha.digest(purpose.getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (digest[i] & 0xFF);
        }
        return k;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc), so this cannot happen.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
