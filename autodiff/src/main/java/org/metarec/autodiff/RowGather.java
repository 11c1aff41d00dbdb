package org.metarec.autodiff;

/**
 * The backward rule of {@link Ops#gatherRows}: the gradient of a lookup is its rows scatter-added into a
 * zero table ({@link Ops#scatterAddRows}). The rule keeps the lookup's indices where {@link Graph} can read
 * them, so that a backward pass without {@code createGraph} adds the rows straight into the table's running
 * gradient instead of building a zero table per lookup and then summing whole tables (issue #12: the
 * embedding tables' gradients were most of a study's time).
 */
final class RowGather implements Backward {

    private final int[] index;
    private final int tableRows;

    /**
     * @param index the looked-up rows, owned by this rule (the caller passes a copy)
     * @param tableRows the number of rows of the table
     */
    RowGather(int[] index, int tableRows) {
        this.index = index;
        this.tableRows = tableRows;
    }

    @Override
    public Tensor[] apply(Tensor g, Tensor out, boolean[] need) {
        return new Tensor[] {Ops.scatterAddRows(g, index, tableRows)};
    }

    /** Row {@code i} of the upstream gradient goes to row {@code index()[i]} of the table's gradient. Not to be modified. */
    int[] index() {
        return index;
    }

    /** The number of rows of the looked-up table. */
    int tableRows() {
        return tableRows;
    }
}
