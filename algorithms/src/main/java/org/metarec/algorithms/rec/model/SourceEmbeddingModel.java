package org.metarec.algorithms.rec.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * A rating model whose user starts from a learned per-user source embedding: for every user table
 * {@code T} of the wrapped model, the row a batch row uses is
 * <pre>
 *   T_u = T[slot] + E_T[u]
 * </pre>
 * where {@code E_T[u]} is the user's row of {@code T} in a model pretrained on the pooled training rows
 * (a constant: the user's source embedding, learned from their source-domain ratings) and {@code T[slot]}
 * is the trainable offset. A meta-learner of this model meta-learns the adaptation of each user's own
 * source vector, the idea of TMCDR (Zhu, Ge, Zhuang, Liu, Xu and He, "Transfer-Meta Framework for
 * Cross-domain Recommendation to Cold-Start Users", SIGIR 2021), instead of starting every user from one
 * shared row. With the offset at zero the model predicts exactly as the pretrained one.
 */
public final class SourceEmbeddingModel implements RecModel {

    private final RecModel inner;
    private final Map<String, Tensor> embeddings;

    /**
     * Wraps a model with per-user parameters.
     *
     * @param inner the model (its {@link RecModel#userTables()} must not be empty); not modified
     * @param embeddings per user table name, a users x width constant: row u is user u's source embedding
     * @throws IllegalArgumentException if the model has no user tables or a table's embedding is missing
     */
    public SourceEmbeddingModel(RecModel inner, Map<String, Tensor> embeddings) {
        if (inner.userTables().isEmpty()) {
            throw new IllegalArgumentException("source embedding model: expected a model with per-user parameters ("
                    + RecModels.WITH_USER_PARAMETERS + "), found " + inner.name() + ", which has none");
        }
        for (String t : inner.userTables()) {
            if (!embeddings.containsKey(t)) {
                throw new IllegalArgumentException("source embedding model: expected an embedding of user table '" + t
                        + "', found tables " + embeddings.keySet());
            }
        }
        this.inner = inner;
        this.embeddings = new LinkedHashMap<>(embeddings);
    }

    /**
     * The wrapped model.
     *
     * @return the model whose user tables get the embeddings
     */
    public RecModel inner() {
        return inner;
    }

    /**
     * User {@code u}'s source embedding of one user table.
     *
     * @param table a user table's name
     * @param user a user index
     * @return a copy of the row
     */
    public double[] embedding(String table, int user) {
        Tensor e = embeddings.get(table);
        int c = e.cols();
        double[] row = new double[c];
        System.arraycopy(e.data().data, user * c, row, 0, c);
        return row;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Params init(RandomGenerator rng) {
        return inner.init(rng);
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        return inner.initPooled(rng, users);
    }

    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        return inner.apply(perRow(params, batch), rowSlots(batch));
    }

    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        return inner.penalty(perRow(params, batch), rowSlots(batch));
    }

    /** Each user table replaced by one row per batch row: the slot's offset plus the row's user's embedding. */
    private Params perRow(Params params, RatingBatch batch) {
        Params out = params;
        for (String t : inner.userTables()) {
            Tensor rows = Ops.gatherRows(params.get(t), batch.slots()).add(Ops.gatherRows(embeddings.get(t),
                    batch.users()));
            out = out.with(t, rows);
        }
        return out;
    }

    /** The batch with slot r for row r, matching {@link #perRow}. */
    private static RatingBatch rowSlots(RatingBatch b) {
        int[] slots = new int[b.size()];
        for (int r = 0; r < slots.length; r++) {
            slots[r] = r;
        }
        return new RatingBatch(b.users(), b.items(), b.domains(), slots, b.userFeatures(), b.itemFeatures(),
                b.domainOneHot(), b.profile(), b.ratings());
    }

    @Override
    public List<String> userTables() {
        return inner.userTables();
    }

    @Override
    public List<String> localParams() {
        return inner.localParams();
    }

    @Override
    public List<String> headParams() {
        return inner.headParams();
    }
}
