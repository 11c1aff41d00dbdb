/**
 * Loaders of rating data into a {@link org.metarec.core.data.Dataset}: MovieLens 100K, MovieLens 1M, Douban Book +
 * Music, Amazon review ratings (JSON lines or CSV), RecBole atomic files and generic delimited files (one file with a
 * domain column, or one file per domain).
 *
 * <p>Files are read as bytes and split by hand (no regular expressions, no String per field on the common path:
 * ids are indexed by their bytes), which loads MovieLens 100K in well under a second and 20 million rating lines
 * in a few (docs/benchmarks.md). A malformed line stops the load with a {@link org.metarec.core.data.io.MalformedDataException}
 * whose message reads {@code file:line: expected ..., found ...}; with
 * {@link org.metarec.core.data.io.LoadOptions#skipBadLines()} such lines are skipped, counted and reported
 * instead. Blank lines are ignored. The MovieLens 100K loader compares each file's SHA-256 with the official release and adds a
 * warning to the {@link org.metarec.core.data.LoadReport} when a copy differs; it never fails for that.
 */
package org.metarec.core.data.io;
