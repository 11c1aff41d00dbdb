package org.metarec.algorithms.rec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.metarec.core.data.FeatureField;
import org.metarec.core.data.SideFeatures;

/**
 * The side features of users (or of items) as dense model inputs, in blocks: first one block
 * {@code numeric} holding every numeric field z-scored, then one block per categorical field
 * (one-hot) and one per multi-hot field (the set's indicator divided by its size, so the block sums
 * to 1 and an embedding of it is the mean of the members' embeddings, as MeLU averages genres).
 *
 * <p>Blocks are contiguous, so a model can embed each block with its own table (MeLU) or read the
 * whole row (a feature MLP). An entity without features has width 0.
 */
public final class FeatureEncoding {

    /**
     * One block of columns.
     *
     * @param name the field name, or {@code numeric} for the block of numeric fields
     * @param offset the first column
     * @param width the number of columns, at least 1
     */
    public record Block(String name, int offset, int width) {
        /** Validates the range. */
        public Block {
            if (offset < 0 || width < 1) {
                throw new IllegalArgumentException("feature block '" + name + "': expected offset >= 0 and width >= 1,"
                        + " found offset " + offset + ", width " + width);
            }
        }
    }

    private final double[][] rows;
    private final List<Block> blocks;
    private final int width;

    private FeatureEncoding(double[][] rows, List<Block> blocks, int width) {
        this.rows = rows;
        this.blocks = Collections.unmodifiableList(blocks);
        this.width = width;
    }

    /**
     * Encodes every entity of {@code features}.
     *
     * @param features users' or items' side features
     * @return the encoding
     */
    public static FeatureEncoding of(SideFeatures features) {
        SideFeatures z = features.standardized();
        List<FeatureField> numeric = new ArrayList<>();
        List<FeatureField> categorical = new ArrayList<>();
        for (FeatureField f : z.fields()) {
            (f.kind() == FeatureField.Kind.NUMERIC ? numeric : categorical).add(f);
        }
        List<Block> blocks = new ArrayList<>();
        int width = 0;
        if (!numeric.isEmpty()) {
            blocks.add(new Block("numeric", 0, numeric.size()));
            width = numeric.size();
        }
        for (FeatureField f : categorical) {
            blocks.add(new Block(f.name(), width, f.width()));
            width += f.width();
        }
        double[][] rows = new double[z.entityCount()][width];
        for (int e = 0; e < rows.length; e++) {
            for (int j = 0; j < numeric.size(); j++) {
                rows[e][j] = z.numeric(numeric.get(j).name(), e);
            }
            int b = numeric.isEmpty() ? 0 : 1;
            for (FeatureField f : categorical) {
                int off = blocks.get(b++).offset();
                if (f.kind() == FeatureField.Kind.CATEGORICAL) {
                    int code = z.category(f.name(), e);
                    if (code >= 0) {
                        rows[e][off + code] = 1.0;
                    }
                } else {
                    int[] codes = z.categories(f.name(), e);
                    for (int code : codes) {
                        rows[e][off + code] = 1.0 / codes.length;
                    }
                }
            }
        }
        return new FeatureEncoding(rows, blocks, width);
    }

    /**
     * The number of columns (0 when the entities have no features).
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * The blocks in column order.
     *
     * @return an unmodifiable list
     */
    public List<Block> blocks() {
        return blocks;
    }

    /**
     * The number of entities encoded.
     *
     * @return the count
     */
    public int entityCount() {
        return rows.length;
    }

    /**
     * The encoded features of one entity.
     *
     * @param entity an entity index
     * @return a copy of its row
     */
    public double[] row(int entity) {
        return rows[check(entity)].clone();
    }

    /** Copies the row of {@code entity} into {@code dst} at {@code offset}, without a temporary copy. */
    void copyRow(int entity, double[] dst, int offset) {
        System.arraycopy(rows[check(entity)], 0, dst, offset, width);
    }

    private int check(int entity) {
        if (entity < 0 || entity >= rows.length) {
            throw new IllegalArgumentException("feature encoding: expected an entity index in 0.." + (rows.length - 1)
                    + ", found " + entity);
        }
        return entity;
    }
}
