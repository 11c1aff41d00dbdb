package org.metarec.experiments.study.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metarec.core.random.Rng;

/**
 * Writes a small invented data set in the format of MovieLens 1M (ratings.dat, movies.dat, users.dat, all
 * {@code ::}-separated ISO-8859-1), sized so that every cold-start state of {@code ml1m-melu.yaml} has tasks:
 * 120 users, 48 movies released 1990-2000 (new from 1998 on: movies 32-47), users ordered by the time of their
 * first rating, each rating 16-30 older movies and 13-16 newer ones.
 */
public final class MovieLens1mFixture {

    private static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children's", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
            "Sci-Fi", "Thriller", "War", "Western");
    private static final int[] AGE_CODES = {1, 18, 25, 35, 45, 50, 56};
    private static final int USERS = 120;
    private static final int MOVIES = 48;

    private MovieLens1mFixture() {
    }

    /**
     * Writes the three files into {@code dir} (created if needed).
     *
     * @param dir the folder
     * @param seed the seed of every draw
     * @return {@code dir}
     */
    public static Path write(Path dir, long seed) {
        Rng rng = Rng.derive(seed, "test/ml-1m-fixture");
        StringBuilder movies = new StringBuilder();
        int[] genre = new int[MOVIES];
        double[] quality = new double[MOVIES];
        for (int m = 0; m < MOVIES; m++) {
            genre[m] = rng.nextInt(6);
            int second = 6 + rng.nextInt(12);
            quality[m] = rng.nextGaussian(0, 0.6);
            int year = m < 32 ? 1990 + m % 8 : 1998 + m % 3;
            movies.append(m + 1).append("::Movie ").append(m + 1).append(" (").append(year).append(")::")
                    .append(GENRES.get(genre[m])).append('|').append(GENRES.get(second)).append('\n');
        }
        StringBuilder users = new StringBuilder();
        StringBuilder ratings = new StringBuilder();
        for (int u = 0; u < USERS; u++) {
            int gender = rng.nextInt(2);
            int age = rng.nextInt(AGE_CODES.length);
            int occupation = rng.nextInt(21);
            users.append(u + 1).append("::").append(gender == 0 ? "M" : "F").append("::").append(AGE_CODES[age])
                    .append("::").append(occupation).append("::").append(10000 + rng.nextInt(89999)).append('\n');
            double[] taste = new double[6];
            for (int g = 0; g < 6; g++) {
                taste[g] = rng.nextGaussian(0, 0.6) + (g == occupation % 6 ? 0.7 : 0) - (g == age % 6 ? 0.4 : 0);
            }
            int[] older = rng.sample(32, 16 + rng.nextInt(15));
            int[] newer = rng.sample(16, 13 + rng.nextInt(4));
            long start = 956_700_000L + 3_600L * u;
            for (int j = 0; j < older.length + newer.length; j++) {
                int m = j < older.length ? older[j] : 32 + newer[j - older.length];
                long r = Math.round(3.2 + taste[genre[m]] + quality[m] + rng.nextGaussian(0, 0.5));
                ratings.append(u + 1).append("::").append(m + 1).append("::").append(Math.max(1, Math.min(5, r)))
                        .append("::").append(start + (j == 0 ? 0 : 1 + rng.nextInt(2_000_000))).append('\n');
            }
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("movies.dat"), movies, StandardCharsets.ISO_8859_1);
            Files.writeString(dir.resolve("users.dat"), users, StandardCharsets.ISO_8859_1);
            Files.writeString(dir.resolve("ratings.dat"), ratings, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
