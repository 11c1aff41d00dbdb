package org.metarec.experiments.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metarec.core.random.Rng;

/**
 * Writes a rating file of a given size in the ratings-only layout {@code user,item,rating,timestamp} (no header),
 * for the loading benchmark: MovieLens-20M scale is 20,000,263 ratings by 138,493 users of 26,744 movies (GroupLens,
 * the ml-20m README), rounded here to 140,000 users and 27,000 items. As in MovieLens, the lines are grouped by user
 * (each user an equal share of lines), ratings are half stars 0.5 to 5 and timestamps seconds from 1995 on; items are
 * drawn with a skew (item = floor(items * x^2), x uniform) so that popular items recur, as in real data.
 */
public final class GeneratedRatings {

    private GeneratedRatings() {
    }

    /**
     * Writes {@code ratings} lines to {@code file}.
     *
     * @param file the file (replaced)
     * @param ratings the number of lines
     * @param users distinct users (each a contiguous block of lines), at most {@code ratings}
     * @param items the item id range
     * @param rng the source of every draw
     * @return the file's size in bytes
     * @throws IOException if the file cannot be written
     */
    public static long write(Path file, long ratings, int users, int items, Rng rng) throws IOException {
        if (ratings < 1 || users < 1 || users > ratings || items < 1) {
            throw new IllegalArgumentException("generated ratings: expected 1 <= users <= ratings and items >= 1, found "
                    + users + " users, " + ratings + " ratings, " + items + " items");
        }
        byte[] line = new byte[64];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long r = 0; r < ratings; r++) {
                long user = r * users / ratings + 1;
                double x = rng.nextDouble();
                long item = (long) (items * x * x) + 1;
                int halfStars = 1 + rng.nextInt(10);
                long time = 789_652_009L + rng.nextInt(600_000_000);
                int n = 0;
                n = digits(user, line, n);
                line[n++] = ',';
                n = digits(item, line, n);
                line[n++] = ',';
                n = digits(halfStars / 2, line, n);
                line[n++] = '.';
                line[n++] = (byte) (halfStars % 2 == 0 ? '0' : '5');
                line[n++] = ',';
                n = digits(time, line, n);
                line[n++] = '\n';
                out.write(line, 0, n);
            }
        }
        return Files.size(file);
    }

    /**
     * Writes {@code reviews} lines of Amazon review JSON ({@code reviewerID}, {@code asin}, {@code overall},
     * {@code unixReviewTime} and the fields the loader skips: a name, {@code helpful}, a review text of
     * {@code textLength} characters, a summary and {@code reviewTime}), as in the 5-core review files; users,
     * items, stars and times as {@link #write} draws them (whole stars 1 to 5).
     *
     * @param file the file (replaced)
     * @param reviews the number of lines
     * @param users distinct users (each a contiguous block of lines), at most {@code reviews}
     * @param items the item id range
     * @param textLength characters of each review text
     * @param rng the source of every draw
     * @return the file's size in bytes
     * @throws IOException if the file cannot be written
     */
    public static long writeReviews(Path file, long reviews, int users, int items, int textLength, Rng rng)
            throws IOException {
        if (reviews < 1 || users < 1 || users > reviews || items < 1 || textLength < 0) {
            throw new IllegalArgumentException("generated reviews: expected 1 <= users <= reviews, items >= 1 and a text "
                    + "length >= 0, found " + users + " users, " + reviews + " reviews, " + items + " items, text "
                    + textLength);
        }
        String text = "A generated review, with {braces}, [brackets] and: colons. ".repeat(textLength / 50 + 1)
                .substring(0, textLength);
        try (java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
                java.nio.charset.StandardCharsets.UTF_8), 1 << 20)) {
            for (long r = 0; r < reviews; r++) {
                long user = r * users / reviews + 1;
                double x = rng.nextDouble();
                long item = (long) (items * x * x) + 1;
                int stars = 1 + rng.nextInt(5);
                long time = 789_652_009L + rng.nextInt(600_000_000);
                out.write("{\"reviewerID\": \"A" + user + "\", \"asin\": \"B" + item + "\", \"reviewerName\": \"R. Eviewer\", "
                        + "\"helpful\": [0, 0], \"reviewText\": \"" + text + "\", \"overall\": " + stars + ".0, "
                        + "\"summary\": \"Generated\", \"unixReviewTime\": " + time + ", \"reviewTime\": \"01 1, 2010\"}\n");
            }
        }
        return Files.size(file);
    }

    private static int digits(long v, byte[] buf, int at) {
        String s = Long.toString(v);
        for (int i = 0; i < s.length(); i++) {
            buf[at + i] = (byte) s.charAt(i);
        }
        return at + s.length();
    }
}
