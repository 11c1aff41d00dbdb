package org.metarec.experiments.config;

import java.util.Collection;

/**
 * Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions), used to suggest the
 * key or value a user probably meant.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** Minimum number of insertions, deletions, substitutions and adjacent swaps turning {@code a} into {@code b}. */
    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The candidate closest to {@code word} (first in iteration order on ties), or null when even the closest
     * needs more than {@code max(2, length/3)} edits, i.e. when a suggestion would be a guess.
     * Case differences alone count as a match.
     */
    public static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int dist = c.equalsIgnoreCase(word) ? 0 : between(word, c);
            if (dist < bestDistance) {
                best = c;
                bestDistance = dist;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }
}
