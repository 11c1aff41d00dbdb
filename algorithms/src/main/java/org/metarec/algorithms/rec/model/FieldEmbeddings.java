package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * MeLU-style field embeddings of one side of a rating row: {@code [x_1 E_1, ..., x_F E_F]}, one table
 * {@code E_f} per feature block (a multi-hot block by the mean of its members' rows, as the encoding
 * scales it), and optionally the domain one-hot and the cross-domain profile as two more fields.
 * MAMO embeds the user and the item side apart ({@link MamoModel}); TaNP embeds both ({@link TaNPModel}).
 *
 * <p>When the item side is embedded but the data has no item features (Douban, the rating-only Amazon files),
 * the item's ID is its one field, a table over the catalogue ({@code <prefix>item.id}, the item's one-hot as a
 * feature block): without it every item would have the same inputs and the models could tell items apart only
 * by their domain. MeLU, MAMO and TaNP were written for MovieLens-style item features and do not say what to do
 * without them; the ID field is metarec's choice.
 */
final class FieldEmbeddings {

    private enum Source { USER, ITEM, ITEM_ID, DOMAIN, PROFILE }

    private record Field(String param, Source source, int offset, int width) {}

    private final List<Field> fields = new ArrayList<>();
    private final int embeddingDim;

    /**
     * @param prefix the prefix of the tables' names, e.g. {@code emb.}
     * @param inputs the input sizes
     * @param embeddingDim e, the width of every field's embedding
     * @param user embed the user's feature blocks
     * @param item embed the item's feature blocks, or its ID when the data has no item features
     * @param domain embed the domain one-hot
     * @param profile embed the cross-domain profile (when batches carry one)
     */
    FieldEmbeddings(String prefix, ModelInputs inputs, int embeddingDim, boolean user, boolean item, boolean domain,
                    boolean profile) {
        this.embeddingDim = embeddingDim;
        if (user) {
            add(prefix + "user.", inputs.userFeatures(), Source.USER);
        }
        if (item && inputs.itemFeatures().blocks().isEmpty()) {
            fields.add(new Field(prefix + "item.id", Source.ITEM_ID, 0, inputs.items()));
        } else if (item) {
            add(prefix + "item.", inputs.itemFeatures(), Source.ITEM);
        }
        if (domain) {
            fields.add(new Field(prefix + "domain", Source.DOMAIN, 0, inputs.domains()));
        }
        if (profile && inputs.profileDim() > 0) {
            fields.add(new Field(prefix + "profile", Source.PROFILE, 0, inputs.profileDim()));
        }
    }

    private void add(String prefix, FeatureEncoding enc, Source source) {
        for (FeatureEncoding.Block b : enc.blocks()) {
            fields.add(new Field(prefix + b.name(), source, b.offset(), b.width()));
        }
    }

    /** The number of fields. */
    int count() {
        return fields.size();
    }

    /** The width of {@link #apply}'s rows: e per field. */
    int width() {
        return embeddingDim * fields.size();
    }

    /** Glorot-uniform tables, one per field. */
    Params init(RandomGenerator rng) {
        Params p = Params.empty();
        for (Field f : fields) {
            p = p.with(f.param(), Init.glorotUniform(f.width(), embeddingDim, rng));
        }
        return p;
    }

    /** The N x (e F) concatenated embeddings of the batch's rows. */
    Tensor apply(Params params, RatingBatch batch, String model) {
        Tensor[] parts = new Tensor[fields.size()];
        for (int i = 0; i < parts.length; i++) {
            Field f = fields.get(i);
            parts[i] = switch (f.source()) {
                case ITEM_ID -> Ops.gatherRows(params.get(f.param()), batch.items());   // = one-hot rows times the table
                case USER -> embed(f, batch.userFeatures(), params, model);
                case ITEM -> embed(f, batch.itemFeatures(), params, model);
                case DOMAIN -> embed(f, batch.domainOneHot(), params, model);
                case PROFILE -> embed(f, batch.profile(), params, model);
            };
        }
        return parts.length == 1 ? parts[0] : Ops.concatCols(parts);
    }

    /** A feature field's embedding: its block of the batch's inputs {@code x} times its table. */
    private static Tensor embed(Field f, Tensor x, Params params, String model) {
        if (x == null) {
            throw new IllegalArgumentException(model + ": expected " + f.source().name().toLowerCase()
                    + " inputs in the batch (the model was built with them), found none");
        }
        Tensor in = f.source() == Source.USER || f.source() == Source.ITEM
                ? Ops.sliceCols(x, f.offset(), f.offset() + f.width()) : x;
        return in.matmul(params.get(f.param()));
    }
}
