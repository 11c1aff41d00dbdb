package org.metarec.core.data;

import java.util.List;

/**
 * The names of the domains, in index order (domain d is {@code names.get(d)}).
 *
 * @param names distinct, non-blank names; at least one
 */
public record Domains(List<String> names) {

    /**
     * Validates and stores an unmodifiable copy.
     *
     * @throws IllegalArgumentException for no names, a blank name or a repeated name
     */
    public Domains {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("domains: expected at least one domain name, found none");
        }
        names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                throw new IllegalArgumentException("domains[" + i + "]: expected a non-blank name, found '" + name
                        + "'");
            }
            if (names.indexOf(name) != i) {
                throw new IllegalArgumentException("domains[" + i + "]: expected distinct names, found '" + name
                        + "' twice");
            }
        }
    }

    /**
     * Domains with the given names.
     *
     * @param names the names in index order
     * @return the domains
     */
    public static Domains of(String... names) {
        return new Domains(List.of(names));
    }

    /**
     * The number of domains.
     *
     * @return D
     */
    public int size() {
        return names.size();
    }

    /**
     * The name of domain d.
     *
     * @param d a domain index
     * @return its name
     */
    public String name(int d) {
        if (d < 0 || d >= names.size()) {
            throw new IllegalArgumentException("domain index: expected 0.." + (names.size() - 1) + ", found " + d);
        }
        return names.get(d);
    }

    /**
     * The index of a domain by name.
     *
     * @param name a domain name
     * @return its index
     * @throws IllegalArgumentException naming the known domains if there is none of that name
     */
    public int indexOf(String name) {
        int d = names.indexOf(name);
        if (d < 0) {
            throw new IllegalArgumentException("domain '" + name + "': expected one of " + names
                    + ", found no such domain");
        }
        return d;
    }
}
