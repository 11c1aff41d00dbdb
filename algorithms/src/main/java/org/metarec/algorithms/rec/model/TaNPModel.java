package org.metarec.algorithms.rec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.metarec.algorithms.rec.data.RatingBatch;
import org.metarec.autodiff.Init;
import org.metarec.autodiff.Ops;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.Linear;
import org.metarec.autodiff.nn.MLP;

/**
 * The networks of TaNP (Lin, Wu, Zhou, Pan, Cao and Wang, "Task-adaptive Neural Process for User Cold-Start
 * Recommendation", WWW 2021, section 4), as pure functions of explicit parameters; the training loss that
 * combines them is {@link org.metarec.algorithms.rec.coldstart.TaNP}'s.
 * <pre>
 *   x_j                = [field embeddings of the row's user and item]                 (MeLU-style fields)
 *   (mu, log var)(D)   = heads(relu(W_h mean_j enc_z([x_j, y_j]) + b_h))              latent path, over rows D
 *   o(D)               = mean_j enc_t([x_j, y_j])                                      task identity
 *   C_k                = (|o - m_k| / tau + 1)^(-(tau + 1) / 2) / sum_k' (...)       Student-t over K clusters m_k
 *   o'                 = C M + o                                                       customised task embedding
 *   h_l                = relu(gamma_l * (h_{l-1} W_l + b_l) + beta_l),  gamma_l = tanh(o' G_l), beta_l = tanh(o' B_l)
 *   y_hat              = h_L w + b,   h_0 = [x_j, z]
 * </pre>
 * With gating (TaNP's gating-FiLM), {@code eta_l = tanh(o' E_l)}, {@code delta_l = sigmoid(o' D_l)},
 * {@code gamma_l <- gamma_l delta_l + eta_l (1 - delta_l)} and the same for {@code beta_l}. The task
 * vectors {@code z} and {@code o'} a user's predictions use are parameters named {@link #TASK_Z} and
 * {@link #TASK_EMBEDDING} that adaptation computes from the support set (absent: the empty context, z = 0 and
 * {@code o' = C(0) M}). Layer widths: the encoders' hidden layers and the decoder's are {@code hidden}.
 */
public final class TaNPModel implements RecModel {

    /** The latent {@code z} a prediction is conditioned on (1 x zDim). */
    public static final String TASK_Z = "task.z";
    /** The customised task embedding {@code o'} that modulates the decoder (1 x taskDim). */
    public static final String TASK_EMBEDDING = "task.o";
    /** The cluster memory {@code M} (K x taskDim): the cluster centres {@code m_k}. */
    public static final String CLUSTERS = "tanp.clusters";

    /**
     * The shapes of TaNP's parts.
     *
     * @param zDim width of the latent z; 0 switches the latent path off (the decoder sees x alone)
     * @param taskDim width of the task embedding o
     * @param clusters K, the task clusters of the customisation memory
     * @param temperature tau of the Student-t assignment
     * @param gating gating-FiLM (TaNP-G) instead of FiLM
     */
    public record Shape(int zDim, int taskDim, int clusters, double temperature, boolean gating) {
        /** Validates. */
        public Shape {
            if (zDim < 0 || taskDim < 1 || clusters < 1 || !(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("tanp shape: expected z_dim >= 0, task_dim >= 1, clusters >= 1 and "
                        + "temperature > 0, found " + this);
            }
        }
    }

    private final ModelInputs inputs;
    private final Shape shape;
    private final FieldEmbeddings fields;
    private final MLP latentEncoder;
    private final Linear latentHidden;
    private final Linear mu;
    private final Linear logVar;
    private final MLP taskEncoder;
    private final List<Linear> decoder = new ArrayList<>();
    private final Linear output;

    /**
     * @param inputs input sizes (no features needed: the domain and, when present, the profile are fields too)
     * @param embeddingDim e, the width of every field's embedding
     * @param hidden widths of the encoders' and the decoder's hidden layers, at least one
     * @param shape the latent, task and cluster sizes
     */
    public TaNPModel(ModelInputs inputs, int embeddingDim, int[] hidden, Shape shape) {
        if (embeddingDim < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("tanp: expected an embedding width >= 1 and at least one hidden layer, "
                    + "found " + embeddingDim + " and " + hidden.length + " layers");
        }
        this.inputs = inputs;
        this.shape = shape;
        this.fields = new FieldEmbeddings("emb.", inputs, embeddingDim, true, true, true, true);
        int x = fields.width();
        int z = Math.max(shape.zDim(), 1);
        this.latentEncoder = new MLP("tanp.zenc.", sizes(x + 1, hidden, z), Activation.RELU);
        this.latentHidden = new Linear("tanp.zhid.W", "tanp.zhid.b", z, z);
        this.mu = new Linear("tanp.mu.W", "tanp.mu.b", z, z);
        this.logVar = new Linear("tanp.logvar.W", "tanp.logvar.b", z, z);
        this.taskEncoder = new MLP("tanp.tenc.", sizes(x + 1, hidden, shape.taskDim()), Activation.RELU);
        int in = x + shape.zDim();
        for (int l = 0; l < hidden.length; l++) {
            decoder.add(new Linear("tanp.dec.W" + (l + 1), "tanp.dec.b" + (l + 1), in, hidden[l]));
            in = hidden[l];
        }
        this.output = new Linear("tanp.out.W", "tanp.out.b", in, 1);
    }

    private static int[] sizes(int in, int[] hidden, int out) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = out;
        return s;
    }

    @Override
    public String name() {
        return "tanp";
    }

    /** The shapes. */
    public Shape shape() {
        return shape;
    }

    @Override
    public Params init(RandomGenerator rng) {
        Params p = fields.init(rng).merge(taskEncoder.init(rng));
        if (shape.zDim() > 0) {
            p = p.merge(latentEncoder.init(rng)).merge(latentHidden.init(rng)).merge(mu.init(rng)).merge(logVar.init(rng));
        }
        p = p.with(CLUSTERS, Init.glorotUniform(shape.clusters(), shape.taskDim(), rng));
        for (int l = 0; l < decoder.size(); l++) {
            Linear layer = decoder.get(l);
            p = p.merge(layer.init(rng));
            for (String film : films()) {
                p = p.with(film + (l + 1), Init.glorotUniform(shape.taskDim(), layer.out(), rng));
            }
        }
        p = p.merge(output.init(rng));
        return p.with(output.biasName(), Tensor.scalar(inputs.ratingMean()).asVariable());
    }

    private List<String> films() {
        return shape.gating() ? List.of("tanp.film.gamma", "tanp.film.beta", "tanp.film.eta", "tanp.film.delta")
                : List.of("tanp.film.gamma", "tanp.film.beta");
    }

    @Override
    public Params initPooled(RandomGenerator rng, int users) {
        return init(rng);
    }

    /**
     * The rows' inputs {@code x_j}, N x (e F).
     *
     * @param params the parameters
     * @param batch the rows
     * @return the inputs
     */
    public Tensor embed(Params params, RatingBatch batch) {
        return fields.apply(params, batch, "tanp");
    }

    /** {@code [x_j, y_j]} of the rows. */
    private Tensor pairs(Params params, RatingBatch batch) {
        return Ops.concatCols(embed(params, batch), batch.ratings());
    }

    /**
     * The latent path's Gaussian over the rows {@code d} (at least one): {@code [mu, log var]}, each 1 x zDim.
     *
     * @param params the parameters
     * @param d the rows (context or target)
     * @return mu and the log-variance
     */
    public Tensor[] latent(Params params, RatingBatch d) {
        if (shape.zDim() == 0) {
            throw new IllegalStateException("tanp: the latent path is off (z_dim 0)");
        }
        Tensor h = Ops.relu(latentHidden.apply(params, rowMean(latentEncoder.apply(params, pairs(params, d)))));
        return new Tensor[] {mu.apply(params, h), logVar.apply(params, h)};
    }

    /** The 1 x n mean of the rows of an m x n tensor. */
    private static Tensor rowMean(Tensor a) {
        return Ops.sumRows(a).mul(1.0 / a.rows());
    }

    /**
     * The customised task embedding {@code o' = C M + o} of the context {@code c} (empty: o = 0).
     *
     * @param params the parameters
     * @param c the context rows
     * @return 1 x taskDim
     */
    public Tensor taskEmbedding(Params params, RatingBatch c) {
        return customise(params, taskIdentity(params, c));
    }

    /**
     * The task identity {@code o = mean_j enc_t([x_j, y_j])} of the context {@code c} (empty: o = 0), before the
     * cluster memory customises it: what TaNP's clustering regulariser assigns to the clusters.
     *
     * @param params the parameters
     * @param c the context rows
     * @return 1 x taskDim
     */
    public Tensor taskIdentity(Params params, RatingBatch c) {
        return c.size() == 0 ? Tensor.zeros(1, shape.taskDim()) : rowMean(taskEncoder.apply(params, pairs(params, c)));
    }

    /** {@code o' = C(o) M + o}: the task identity plus its soft assignment over the cluster memory. */
    private Tensor customise(Params params, Tensor o) {
        Tensor m = params.get(CLUSTERS);
        int k = m.rows();
        Tensor diff = Ops.broadcastRows(o, k).sub(m);
        Tensor dist = Ops.sqrt(Ops.sumCols(diff.mul(diff)));                                   // K x 1
        double tau = shape.temperature();
        Tensor res = Ops.pow(dist.mul(1.0 / tau).add(1.0), -(tau + 1) / 2);
        Tensor assign = res.div(Ops.expand(Ops.sum(res), k, 1));                               // C, K x 1
        return Ops.transpose(assign).matmul(m).add(o);
    }

    /**
     * The decoder's predictions for inputs {@code x} (N rows) given {@code z} (1 x zDim, or null when the latent
     * path is off) and the task embedding {@code o'}.
     *
     * @param params the parameters
     * @param x the rows' inputs
     * @param z the latent
     * @param task the customised task embedding
     * @return N x 1
     */
    public Tensor decode(Params params, Tensor x, Tensor z, Tensor task) {
        int n = x.rows();
        Tensor h = shape.zDim() > 0 ? Ops.concatCols(x, Ops.broadcastRows(z, n)) : x;
        for (int l = 0; l < decoder.size(); l++) {
            Tensor gamma = Ops.tanh(task.matmul(params.get("tanp.film.gamma" + (l + 1))));
            Tensor beta = Ops.tanh(task.matmul(params.get("tanp.film.beta" + (l + 1))));
            if (shape.gating()) {
                Tensor eta = Ops.tanh(task.matmul(params.get("tanp.film.eta" + (l + 1))));
                Tensor delta = Ops.sigmoid(task.matmul(params.get("tanp.film.delta" + (l + 1))));
                Tensor keep = delta.neg().add(1.0);
                gamma = gamma.mul(delta).add(eta.mul(keep));
                beta = beta.mul(delta).add(eta.mul(keep));
            }
            Tensor pre = decoder.get(l).apply(params, h);
            h = Ops.relu(pre.mul(Ops.broadcastRows(gamma, n)).add(Ops.broadcastRows(beta, n)));
        }
        return output.apply(params, h);
    }

    /** The decoder at the task vectors in {@code params} ({@link #TASK_Z}, {@link #TASK_EMBEDDING}), or the empty context's. */
    @Override
    public Tensor apply(Params params, RatingBatch batch) {
        Tensor task = params.contains(TASK_EMBEDDING) ? params.get(TASK_EMBEDDING)
                : customise(params, Tensor.zeros(1, shape.taskDim()));
        Tensor z = shape.zDim() == 0 ? null : params.contains(TASK_Z) ? params.get(TASK_Z) : Tensor.zeros(1, shape.zDim());
        return decode(params, embed(params, batch), z, task);
    }

    @Override
    public List<String> userTables() {
        return List.of();
    }

    /** None: TaNP adapts by encoding the support set, not by gradient steps. */
    @Override
    public List<String> localParams() {
        return List.of();
    }

    @Override
    public List<String> headParams() {
        return List.of(output.weightName(), output.biasName());
    }

    /** None. */
    @Override
    public Tensor penalty(Params params, RatingBatch batch) {
        return null;
    }
}
