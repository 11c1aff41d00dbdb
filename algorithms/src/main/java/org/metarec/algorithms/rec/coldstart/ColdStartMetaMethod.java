package org.metarec.algorithms.rec.coldstart;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.metarec.algorithms.meta.MetaLearner;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.algorithms.rec.model.MamoModel;
import org.metarec.algorithms.rec.model.ModelInputs;
import org.metarec.algorithms.rec.model.RatingLoss;
import org.metarec.algorithms.rec.model.RecModel;
import org.metarec.algorithms.rec.model.TaNPModel;
import org.metarec.core.random.Rng;

/**
 * The cold-start meta-learners that bring their own model: a study's {@code model.type} does not apply to them;
 * they use its embedding width and hidden widths. Each builds its model and its learner.
 */
public enum ColdStartMetaMethod {

    /** MAMO (Dong et al. 2020) over a {@link MamoModel}; the users need features or a cross-domain profile. */
    MAMO("mamo") {
        @Override
        public RecModel model(ModelInputs inputs, int dim, int[] hidden, Settings s) {
            return new MamoModel(inputs, dim, hidden);
        }

        @Override
        public MetaLearner<RatingBatch> learner(RecModel model, double innerLr, int innerSteps, Settings s, long seed) {
            return new org.metarec.algorithms.rec.coldstart.MAMO((MamoModel) model, RatingLoss.of(model, 0), innerLr,
                    innerSteps, s.mamo(), Rng.derive(seed, "mamo/memory"));
        }
    },

    /** TaNP (Lin et al. 2021) over a {@link TaNPModel}; works with or without features. */
    TANP("tanp") {
        @Override
        public RecModel model(ModelInputs inputs, int dim, int[] hidden, Settings s) {
            return new TaNPModel(inputs, dim, hidden, s.tanp().shape());
        }

        @Override
        public MetaLearner<RatingBatch> learner(RecModel model, double innerLr, int innerSteps, Settings s, long seed) {
            return new TaNP((TaNPModel) model, seed, s.tanp().clustering());
        }
    };

    /**
     * The settings of both methods (each reads its own).
     *
     * @param mamo MAMO's memories
     * @param tanp TaNP's sizes and switches
     */
    public record Settings(org.metarec.algorithms.rec.coldstart.MAMO.Settings mamo, TaNP.Settings tanp) {
        /** Both methods' defaults. */
        public static final Settings DEFAULT = new Settings(org.metarec.algorithms.rec.coldstart.MAMO.Settings.DEFAULT,
                TaNP.Settings.DEFAULT);

        /** Requires both parts. */
        public Settings {
            if (mamo == null || tanp == null) {
                throw new IllegalArgumentException("cold-start meta settings: expected MAMO's and TaNP's, found a null");
            }
        }
    }

    private final String configName;

    ColdStartMetaMethod(String configName) {
        this.configName = configName;
    }

    /**
     * The method's model.
     *
     * @param inputs input sizes
     * @param dim the embedding width
     * @param hidden hidden layer widths
     * @param s the settings
     * @return the model
     */
    public abstract RecModel model(ModelInputs inputs, int dim, int[] hidden, Settings s);

    /**
     * The method's learner over its {@link #model}.
     *
     * @param model the model from {@link #model}
     * @param innerLr the local update's rate (MAMO's rho; TaNP has no inner loop)
     * @param innerSteps the local update's steps in meta-training
     * @param s the settings
     * @param seed the run's seed (MAMO's memories, TaNP's latent noise)
     * @return the learner
     */
    public abstract MetaLearner<RatingBatch> learner(RecModel model, double innerLr, int innerSteps, Settings s,
            long seed);

    /** The name configs and tables use. */
    public String configName() {
        return configName;
    }

    /** The method named {@code name}, if any. */
    public static Optional<ColdStartMetaMethod> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    /** Every method's config name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ColdStartMetaMethod::configName).toList();
    }
}
