package org.metarec.experiments.sweep;

import org.metarec.experiments.run.UsageException;

/**
 * The I-th of N slices of a sweep (1-based): job j belongs to shard {@code (j mod N) + 1}, so slices differ in
 * size by at most one and every job is in exactly one slice.
 *
 * @param index which slice, 1..count
 * @param count how many slices
 */
public record Shard(int index, int count) {

    /** The whole sweep. */
    public static final Shard ALL = new Shard(1, 1);

    /** Requires {@code 1 <= index <= count}. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new UsageException("--shard: expected I/N with 1 <= I <= N, found " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/8}. */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new UsageException("--shard: expected I/N such as 2/8, found '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("--shard: expected I/N with integers I and N, found '" + text + "'");
        }
    }

    /** True if job {@code jobIndex} (0-based) belongs to this shard. */
    public boolean contains(int jobIndex) {
        return jobIndex % count == index - 1;
    }
}
