package org.metarec.core.data.io;

import java.util.Map;

/**
 * SHA-256 of the files of the official MovieLens releases, as far as they are known.
 *
 * <p>MovieLens 100K: the values of u.data, u.item and u.user match those that other projects hard-code for
 * the files served by files.grouplens.org; the others match several independent copies (see the data
 * README of the project's shared data folder). MovieLens 1M: no official per-file SHA-256 is known (GroupLens
 * publishes only the MD5 of the zip archive), so its files are not verified.
 */
final class Checksums {

    /** File name to SHA-256 (lowercase hex) of the official MovieLens 100K files. */
    static final Map<String, String> ML_100K = Map.of(
            "u.data", "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490",
            "u.item", "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701",
            "u.user", "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c",
            "u.genre", "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb",
            "u.occupation", "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d",
            "u.info", "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b");

    private Checksums() {
    }

    /** A warning if {@code actual} differs from the known hash of {@code file}, else null. */
    static String mismatch(Map<String, String> known, String file, String actual) {
        String expected = known.get(file);
        if (expected == null || expected.equals(actual)) {
            return null;
        }
        return file + ": SHA-256 differs from the official release (expected " + expected + ", found " + actual
                + "); this copy may have been altered";
    }
}
