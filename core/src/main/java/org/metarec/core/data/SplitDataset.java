package org.metarec.core.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * A data set that comes with its own split (such as CDRIB's train/valid/test files): the rows of the data set and,
 * for each row, the {@link SplitPart} it was released in.
 *
 * <p>Immutable; the arrays returned are copies.
 *
 * @param dataset the rows of every part
 * @param parts the part of each row of {@code dataset}
 * @param overlapUsers C: users {@code 0..C-1} of the data set are the people with interactions in every domain
 *     (for sources that number them first; 0 when the source says nothing about it)
 */
public record SplitDataset(Dataset dataset, SplitPart[] parts, int overlapUsers) {

    /**
     * Validates one part per row and copies the parts.
     *
     * @throws IllegalArgumentException if a component is null or the lengths differ
     */
    public SplitDataset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(parts, "parts");
        if (parts.length != dataset.interactions().size()) {
            throw new IllegalArgumentException("split dataset: expected one part per row (" + dataset.interactions().size()
                    + "), found " + parts.length);
        }
        if (overlapUsers < 0 || overlapUsers > dataset.interactions().userCount()) {
            throw new IllegalArgumentException("split dataset: expected 0 <= overlap users <= "
                    + dataset.interactions().userCount() + ", found " + overlapUsers);
        }
        parts = parts.clone();
        for (SplitPart p : parts) {
            Objects.requireNonNull(p, "part");
        }
    }

    /**
     * The part of each row.
     *
     * @return a copy
     */
    @Override
    public SplitPart[] parts() {
        return parts.clone();
    }

    /**
     * The interactions.
     *
     * @return the rows of every part
     */
    public Interactions interactions() {
        return dataset.interactions();
    }

    /**
     * The part of row {@code row}.
     *
     * @param row a row index
     * @return its part
     */
    public SplitPart part(int row) {
        return parts[row];
    }

    /**
     * The rows of one part in one domain, ascending.
     *
     * @param part the part
     * @param domain the domain index
     * @return the rows
     */
    public int[] rows(SplitPart part, int domain) {
        return Arrays.stream(dataset.interactions().rowsInDomain(domain)).filter(r -> parts[r] == part).toArray();
    }

    /**
     * The users with at least one validation or test row in {@code domain}: the domain's cold users, whose rows there
     * were all held out.
     *
     * @param domain the domain index
     * @return user indices, ascending
     */
    public int[] heldOutUsers(int domain) {
        BitSet users = new BitSet();
        for (int r : dataset.interactions().rowsInDomain(domain)) {
            if (parts[r] != SplitPart.TRAIN) {
                users.set(dataset.interactions().user(r));
            }
        }
        return users.stream().toArray();
    }

    /**
     * Equality of the data set, the parts by content, and the overlap.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SplitDataset s && dataset.equals(s.dataset) && Arrays.equals(parts, s.parts)
                && overlapUsers == s.overlapUsers;
    }

    /**
     * Hash consistent with {@link #equals(Object)}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return (dataset.hashCode() * 31 + Arrays.hashCode(parts)) * 31 + overlapUsers;
    }

    /**
     * A short description.
     *
     * @return text
     */
    @Override
    public String toString() {
        return "SplitDataset[" + dataset + ", overlap users " + overlapUsers + "]";
    }
}
