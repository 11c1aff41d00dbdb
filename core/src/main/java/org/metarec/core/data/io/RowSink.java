package org.metarec.core.data.io;

/**
 * Where a line parser puts the rating rows it reads: the rows of the whole load ({@link RatingRows}) or those of
 * one chunk of a file read on its own thread ({@link ChunkRows}), merged into the former in file order.
 */
interface RowSink {

    /** The user index of the raw id {@code buf[from .. to)}, adding it if new. */
    int user(byte[] buf, int from, int to);

    /** The item index of the raw id {@code buf[from .. to)} in {@code domain}, adding it if new. */
    int item(byte[] buf, int from, int to, int domain);

    /** Appends one row. */
    void add(int user, int item, int domain, double rating, long time);
}
