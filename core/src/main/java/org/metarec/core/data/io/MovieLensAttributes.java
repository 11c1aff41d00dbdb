package org.metarec.core.data.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Facts and encodings shared by the MovieLens loaders: the age groups and occupations of MovieLens 1M (from
 * its README), its 18 genres, zip-code regions and release decades.
 */
final class MovieLensAttributes {

    /** MovieLens 1M age codes (users.dat) in order; MovieLens 100K ages are bucketed the same way. */
    static final int[] AGE_GROUP_CODES = {1, 18, 25, 35, 45, 50, 56};

    /** Names of the age groups, aligned with {@link #AGE_GROUP_CODES}. */
    static final List<String> AGE_GROUPS = List.of("Under 18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+");

    /** MovieLens 1M occupations by code 0..20 (users.dat). */
    static final List<String> ML_1M_OCCUPATIONS = List.of("other or not specified", "academic/educator", "artist",
            "clerical/admin", "college/grad student", "customer service", "doctor/health care",
            "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer", "retired",
            "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
            "unemployed", "writer");

    /** The 18 genres of MovieLens 1M (movies.dat). */
    static final List<String> ML_1M_GENRES = List.of("Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
            "Sci-Fi", "Thriller", "War", "Western");

    /** Zip-code regions: the first digit, or "other" for codes that do not start with a digit. */
    static final List<String> ZIP_REGIONS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "other");

    private MovieLensAttributes() {
    }

    /** The age group (index into {@link #AGE_GROUPS}) of an age in years. */
    static int ageGroupOfAge(int age) {
        int group = 0;
        for (int g = 1; g < AGE_GROUP_CODES.length; g++) {
            if (age >= AGE_GROUP_CODES[g]) {
                group = g;
            }
        }
        return group;
    }

    /** The region code of a zip code: its first digit, or 10 ("other"). */
    static int zipRegion(String zip) {
        if (!zip.isEmpty() && zip.charAt(0) >= '0' && zip.charAt(0) <= '9') {
            return zip.charAt(0) - '0';
        }
        return ZIP_REGIONS.size() - 1;
    }

    /** Decade names ("1990s") of the given years (0 = unknown, skipped), ascending. */
    static List<String> decadeVocabulary(int[] years) {
        TreeSet<Integer> decades = new TreeSet<>();
        for (int y : years) {
            if (y > 0) {
                decades.add(y / 10 * 10);
            }
        }
        List<String> names = new ArrayList<>();
        for (int d : decades) {
            names.add(d + "s");
        }
        return names;
    }

    /** Codes into {@link #decadeVocabulary(int[])} (-1 for an unknown year). */
    static int[] decadeCodes(int[] years, List<String> vocabulary) {
        int[] codes = new int[years.length];
        for (int i = 0; i < years.length; i++) {
            codes[i] = years[i] > 0 ? vocabulary.indexOf(years[i] / 10 * 10 + "s") : -1;
        }
        return codes;
    }

    /**
     * The genre indices (into {@code vocabulary}) of the configured genres, matched ignoring case.
     *
     * @throws IllegalArgumentException naming the valid genres for an unknown one
     */
    static int[] resolveGenres(List<String> configured, List<String> vocabulary, String source) {
        int[] out = new int[configured.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -1;
            for (int g = 0; g < vocabulary.size(); g++) {
                if (vocabulary.get(g).toLowerCase(Locale.ROOT).equals(configured.get(i).toLowerCase(Locale.ROOT))) {
                    out[i] = g;
                }
            }
            if (out[i] < 0) {
                throw new IllegalArgumentException("genres as domains[" + i + "]: expected a genre of " + source + " "
                        + vocabulary + ", found '" + configured.get(i) + "'");
            }
        }
        return out;
    }

    /** The canonical names (as in the data) of resolved genre indices. */
    static List<String> genreNames(int[] genres, List<String> vocabulary) {
        List<String> names = new ArrayList<>();
        for (int g : genres) {
            names.add(vocabulary.get(g));
        }
        return names;
    }

    /**
     * The domain of an item with the given genre flags: the position in {@code priority} of the first listed
     * genre the item has, or -1 if it has none.
     */
    static int firstListedGenre(boolean[] hasGenre, int[] priority) {
        for (int p = 0; p < priority.length; p++) {
            if (hasGenre[priority[p]]) {
                return p;
            }
        }
        return -1;
    }
}
