package org.metarec.core.data.io;

import java.util.ArrayList;
import java.util.List;
import org.metarec.core.data.Domains;
import org.metarec.core.data.IdMap;

/**
 * The item columns a MovieLens loader collects from its item file (u.item in 100K, movies.dat in 1M).
 * {@code keptIndex} and {@code domainOf} are by position in the file (-1: not kept), the others by kept
 * item.
 */
final class MovieLensItems {
    final Domains domains;
    final IntIdTable table = new IntIdTable();
    final IntBuffer keptIndex = new IntBuffer();
    final IntBuffer domainOf = new IntBuffer();
    final IntBuffer year = new IntBuffer();
    final List<int[]> genres = new ArrayList<>();
    IdMap ids;

    MovieLensItems(Domains domains) {
        this.domains = domains;
    }
}
