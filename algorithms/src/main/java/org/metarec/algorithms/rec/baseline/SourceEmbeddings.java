package org.metarec.algorithms.rec.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.rec.GradientRecommender;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;

/**
 * The per-user source embeddings of a pretrained model: for every user, the rows of the model's user
 * tables at which the pretrained recommender starts that user (their own pooled row, learned from the
 * training rows, which hold a cold user's source-domain ratings; the average row for a user the rows never
 * mention). These are exactly the vectors {@code pretrained} starts a cold user from, so a method given them
 * starts from the same place.
 */
public final class SourceEmbeddings {

    private SourceEmbeddings() {
    }

    /**
     * Reads every user's starting rows off a pretrained recommender.
     *
     * @param pretrained the recommender of {@link PooledFineTuning} with personal rows; not modified
     * @param factory gives each user's context (only the user index is read by a pooled start)
     * @param domain the target domain, the domain of the contexts
     * @return per user table, a users x width constant whose row u is user u's start
     */
    public static Map<String, Tensor> of(GradientRecommender pretrained, BatchFactory factory, int domain) {
        int users = factory.data().userCount();
        Map<String, double[]> rows = new LinkedHashMap<>();
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (int u = 0; u < users; u++) {
            Params p = pretrained.startFor(factory.context(u, domain));
            for (String t : pretrained.model().userTables()) {
                Tensor row = p.get(t);
                int c = row.cols();
                widths.putIfAbsent(t, c);
                double[] all = rows.computeIfAbsent(t, k -> new double[users * c]);
                System.arraycopy(row.data().data, 0, all, u * c, c);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            out.put(e.getKey(), Tensor.constant(DMatrixRMaj.wrap(users, widths.get(e.getKey()), e.getValue())));
        }
        return out;
    }
}
