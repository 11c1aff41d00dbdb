package org.metarec.core.data.io;

import java.util.Arrays;

/**
 * The rows of one chunk of one file (so of one domain), read on a thread of its own: users and items are indexed
 * in the chunk's order of first appearance, in tables of the chunk, and mapped to the load's indices when
 * {@link RatingRows#append} merges the chunks in file order. Indices given in first-appearance order and merged in
 * that order are the indices a single reader of the whole file would have given.
 */
final class ChunkRows implements RowSink {

    private final ByteIdTable users = new ByteIdTable();
    private final ByteIdTable items = new ByteIdTable();
    private int[] userColumn = new int[4096];
    private int[] itemColumn = new int[4096];
    private double[] ratings = new double[4096];
    private long[] times = new long[4096];
    private int filled;

    @Override
    public int user(byte[] buf, int from, int to) {
        return users.add(0, buf, from, to);
    }

    /** The domain is that of the whole chunk; {@link RatingRows#append} gives it. */
    @Override
    public int item(byte[] buf, int from, int to, int domain) {
        return items.add(0, buf, from, to);
    }

    @Override
    public void add(int user, int item, int domain, double rating, long time) {
        if (filled == ratings.length) {
            int n = filled * 2;
            userColumn = Arrays.copyOf(userColumn, n);
            itemColumn = Arrays.copyOf(itemColumn, n);
            ratings = Arrays.copyOf(ratings, n);
            times = Arrays.copyOf(times, n);
        }
        userColumn[filled] = user;
        itemColumn[filled] = item;
        ratings[filled] = rating;
        times[filled] = time;
        filled++;
    }

    int size() {
        return filled;
    }

    ByteIdTable users() {
        return users;
    }

    ByteIdTable items() {
        return items;
    }

    /** The chunk's user index of row {@code r}. */
    int user(int r) {
        return userColumn[r];
    }

    /** The chunk's item index of row {@code r}. */
    int item(int r) {
        return itemColumn[r];
    }

    double rating(int r) {
        return ratings[r];
    }

    long time(int r) {
        return times[r];
    }
}
