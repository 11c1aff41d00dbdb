package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.metarec.algorithms.rec.RecFixtures;
import org.metarec.algorithms.rec.data.BatchFactory;
import org.metarec.algorithms.rec.data.FeatureEncoding;
import org.metarec.algorithms.rec.data.UserProfiles;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.core.data.Dataset;

/** The tiny data set as model inputs, and small models of every type over it. */
final class ModelFixture {

    static final Dataset TINY = RecFixtures.tiny();
    static final FeatureEncoding USERS = FeatureEncoding.of(TINY.userFeatures());
    static final FeatureEncoding ITEMS = FeatureEncoding.of(TINY.itemFeatures());
    static final BatchFactory WITH_PROFILES = new BatchFactory(TINY.interactions(), USERS, ITEMS,
            UserProfiles.build(TINY.interactions(), TINY.interactions().allRows(), new int[] {0, 1}, ITEMS));
    static final BatchFactory WITHOUT_PROFILES = WITH_PROFILES.withProfiles(null);

    private ModelFixture() {
    }

    static BatchFactory factory(boolean profiles) {
        return profiles ? WITH_PROFILES : WITHOUT_PROFILES;
    }

    /** A small model of the given type (dimension 2 or 3, one hidden layer of 3 or 4). */
    static RecModel model(String type, boolean profiles) {
        ModelInputs in = ModelInputs.of(factory(profiles), 29.0 / 9);
        return RecModels.create(type, in, type.equals("mf") ? 3 : 2, new int[] {type.equals("feature_mlp") ? 4 : 3});
    }

    /** Every parameter plus N(0, scale^2) noise, so that no bias or profile weight sits at exactly 0. */
    static Params jitter(Params p, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : p.tensors()) {
            DMatrixRMaj m = t.data().copy();
            for (int e = 0; e < t.size(); e++) {
                double u1 = rng.nextDouble();
                double u2 = rng.nextDouble();
                m.data[e] += scale * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            }
            out.add(Tensor.variable(m));
        }
        return p.withValues(out);
    }
}
