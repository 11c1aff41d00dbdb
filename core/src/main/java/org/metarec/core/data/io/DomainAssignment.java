package org.metarec.core.data.io;

import java.util.List;

/**
 * How the MovieLens loaders assign each item (and so each rating) to a domain.
 */
public sealed interface DomainAssignment permits DomainAssignment.ByGenre, DomainAssignment.Single {

    /**
     * Domains are genres: an item goes to the first genre of {@code genres} (in the list's order) that it
     * has; items with none of them are dropped with their ratings, and counted in the load report.
     *
     * @param genres genre names as in the data set (matched ignoring case), at least one, distinct
     * @return the assignment
     */
    static DomainAssignment byGenres(List<String> genres) {
        return new ByGenre(genres);
    }

    /**
     * One domain holding every item.
     *
     * @param name the domain name
     * @return the assignment
     */
    static DomainAssignment single(String name) {
        return new Single(name);
    }

    /**
     * Genre domains (see {@link DomainAssignment#byGenres(List)}).
     *
     * @param genres the genres in priority order
     */
    record ByGenre(List<String> genres) implements DomainAssignment {

        /**
         * Validates and copies the list.
         *
         * @throws IllegalArgumentException for an empty list or a genre listed twice (ignoring case)
         */
        public ByGenre {
            if (genres == null || genres.isEmpty()) {
                throw new IllegalArgumentException("genres as domains: expected at least one genre, found none");
            }
            genres = List.copyOf(genres);
            for (int i = 0; i < genres.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (genres.get(i).equalsIgnoreCase(genres.get(j))) {
                        throw new IllegalArgumentException("genres as domains[" + i + "]: expected distinct genres, found '"
                                + genres.get(i) + "' twice");
                    }
                }
            }
        }
    }

    /**
     * A single domain (see {@link DomainAssignment#single(String)}).
     *
     * @param name the domain name
     */
    record Single(String name) implements DomainAssignment {

        /**
         * Validates the name.
         *
         * @throws IllegalArgumentException for a blank name
         */
        public Single {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("single domain: expected a non-blank name, found '" + name + "'");
            }
        }
    }
}
