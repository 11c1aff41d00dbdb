package org.metarec.experiments.reference;

import static org.metarec.core.json.JsonValues.array;
import static org.metarec.core.json.JsonValues.integer;
import static org.metarec.core.json.JsonValues.matrix;
import static org.metarec.core.json.JsonValues.member;
import static org.metarec.core.json.JsonValues.number;
import static org.metarec.core.json.JsonValues.object;
import static org.metarec.core.json.JsonValues.string;
import static org.metarec.core.json.JsonValues.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metarec.algorithms.data.XYBatch;
import org.metarec.algorithms.meta.MAMLPlusPlus;
import org.metarec.algorithms.meta.MetaMethod;
import org.metarec.algorithms.meta.Task;
import org.metarec.autodiff.Params;
import org.metarec.autodiff.Tensor;
import org.metarec.autodiff.nn.Activation;
import org.metarec.autodiff.nn.MLP;
import org.metarec.core.json.Json;
import org.metarec.core.json.JsonException;

/**
 * One meta-gradient reference case in the {@code metarec-metagrad-case/1} format: an MLP, a loss,
 * and either a meta-learning problem ({@code kind: metalearn}) or one batch with a direction for
 * second-order checks ({@code kind: hvp}). The {@code expected} object, when present, is kept as
 * parsed JSON for comparison; running a case never needs it.
 *
 * @param name the case's name
 * @param kind "metalearn" or "hvp"
 * @param model the network, its parameters and the loss
 * @param inner for metalearn, the algorithm and its inner loop; null for hvp
 * @param tasks the tasks (metalearn)
 * @param data the batch (hvp)
 * @param v the direction (hvp)
 * @param expected the expected results, or null
 */
public record ReferenceCase(String name, String kind, Model model, Inner inner, List<Task<XYBatch>> tasks, XYBatch data,
                            Params v, Map<String, Object> expected) {

    /**
     * The case's network.
     *
     * @param mlp the network
     * @param params its parameters (variables)
     * @param loss "mse" or "bce_with_logits"
     */
    public record Model(MLP mlp, Params params, String loss) {
    }

    /**
     * The algorithm of a metalearn case and its inner loop.
     *
     * @param algorithm the algorithm
     * @param innerLr the single inner learning rate (null for metasgd and maml_lslr)
     * @param innerLrs metasgd's per-element rates by parameter name, or maml_lslr's per-step rates as 1x1
     *     tensors named {@code lr.<step>.<parameter>}; null otherwise
     * @param innerSteps the number of inner steps
     * @param adapt the adapted parameter names, or null for all
     * @param stepWeights maml_msl's weights of the query loss after each inner step; null otherwise
     * @param lambda imaml's regularisation strength; null otherwise
     */
    public record Inner(Algorithm algorithm, Double innerLr, Params innerLrs, int innerSteps, List<String> adapt,
                        double[] stepWeights, Double lambda) {
    }

    /** The network. */
    public MLP mlp() {
        return model.mlp();
    }

    /** The network's parameters. */
    public Params params() {
        return model.params();
    }

    /** The loss: "mse" or "bce_with_logits". */
    public String loss() {
        return model.loss();
    }

    /** The algorithm, or null for an hvp case. */
    public Algorithm algorithm() {
        return inner == null ? null : inner.algorithm();
    }

    /** The single inner learning rate, or null. */
    public Double innerLr() {
        return inner == null ? null : inner.innerLr();
    }

    /** Meta-SGD's or MAML++'s rates, or null. */
    public Params innerLrs() {
        return inner == null ? null : inner.innerLrs();
    }

    /** The number of inner steps (0 for an hvp case). */
    public int innerSteps() {
        return inner == null ? 0 : inner.innerSteps();
    }

    /** The adapted parameter names, or null for all. */
    public List<String> adapt() {
        return inner == null ? null : inner.adapt();
    }

    /** MAML++'s multi-step loss weights, or null. */
    public double[] stepWeights() {
        return inner == null ? null : inner.stepWeights();
    }

    /** iMAML's regularisation strength, or null. */
    public Double lambda() {
        return inner == null ? null : inner.lambda();
    }

    /** The algorithms of the format ({@code algorithm.name}), each computed by a learner of {@link MetaMethod}. */
    public enum Algorithm {
        /** Second-order MAML. */
        MAML("maml", MetaMethod.MAML),
        /** First-order MAML. */
        FOMAML("fomaml", MetaMethod.FOMAML),
        /** Reptile; the case reports {@code reptile_delta}. */
        REPTILE("reptile", MetaMethod.REPTILE),
        /** Meta-SGD, its per-element rates given by the case. */
        METASGD("metasgd", MetaMethod.METASGD),
        /** MAML++ with learned per-layer per-step rates (given by the case) and nothing else. */
        MAML_LSLR("maml_lslr", MetaMethod.MAMLPP),
        /** MAML++ with the multi-step loss at fixed weights and nothing else. */
        MAML_MSL("maml_msl", MetaMethod.MAMLPP),
        /** Implicit MAML, solved exactly. */
        IMAML("imaml", MetaMethod.IMAML);

        private final String formatName;
        private final MetaMethod method;

        Algorithm(String formatName, MetaMethod method) {
            this.formatName = formatName;
            this.method = method;
        }

        /** The name the case format uses. */
        public String formatName() {
            return formatName;
        }

        /** The registry method whose learner computes it. */
        public MetaMethod method() {
            return method;
        }

        /** The algorithm the format calls {@code name}, if any. */
        static Optional<Algorithm> byFormatName(String name) {
            return Arrays.stream(values()).filter(a -> a.formatName.equals(name)).findFirst();
        }

        /** Every format name, for messages. */
        static List<String> formatNames() {
            return Arrays.stream(values()).map(Algorithm::formatName).toList();
        }
    }

    /** Format identifier this reader understands. */
    public static final String FORMAT = "metarec-metagrad-case/1";

    /**
     * Parses a case from JSON text.
     *
     * @param text the JSON text
     * @param source the file name, for messages
     * @throws JsonException naming the file and the key that is missing or malformed
     */
    public static ReferenceCase parse(String text, String source) {
        Map<String, Object> root = object(Json.parse(text, source), source, "");
        String format = string(member(root, "format", source, ""), source, "format");
        if (!FORMAT.equals(format)) {
            throw new JsonException(source + ": format: expected \"" + FORMAT + "\", found \"" + format + "\"");
        }
        String name = root.containsKey("name") ? string(root.get("name"), source, "name") : source;
        String kind = root.containsKey("kind") ? string(root.get("kind"), source, "kind") : "metalearn";
        if (!kind.equals("metalearn") && !kind.equals("hvp")) {
            throw new JsonException(source + ": kind: expected \"metalearn\" or \"hvp\", found \"" + kind + "\"");
        }

        Map<String, Object> model = object(member(root, "model", source, ""), source, "model");
        String type = string(member(model, "type", source, "model"), source, "model.type");
        if (!type.equals("mlp")) {
            throw new JsonException(source + ": model.type: expected \"mlp\", found \"" + type + "\"");
        }
        List<Object> sizeList = array(member(model, "sizes", source, "model"), source, "model.sizes");
        int[] sizes = new int[sizeList.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) integer(sizeList.get(i), source, "model.sizes[" + i + "]");
        }
        String act = string(member(model, "activation", source, "model"), source, "model.activation");
        Activation activation = switch (act) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new JsonException(source + ": model.activation: expected \"relu\", \"tanh\" or "
                    + "\"sigmoid\", found \"" + act + "\"");
        };
        MLP mlp = new MLP(sizes, activation);
        Params params = readParams(object(member(model, "params", source, "model"), source, "model.params"),
                source, "model.params", true);
        checkShapes(mlp, params, sizes, source);

        String loss = string(member(root, "loss", source, ""), source, "loss");
        if (!loss.equals("mse") && !loss.equals("bce_with_logits")) {
            throw new JsonException(source + ": loss: expected \"mse\" or \"bce_with_logits\", found \"" + loss + "\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = root.get("expected") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;

        if (kind.equals("hvp")) {
            XYBatch data = readBatch(object(member(root, "data", source, ""), source, "data"), source, "data");
            Params v = readParams(object(member(root, "v", source, ""), source, "v"), source, "v", false);
            return new ReferenceCase(name, kind, new Model(mlp, params, loss), null, List.of(), data, v, expected);
        }

        Map<String, Object> alg = object(member(root, "algorithm", source, ""), source, "algorithm");
        String algorithmName = string(member(alg, "name", source, "algorithm"), source, "algorithm.name");
        Algorithm algorithm = Algorithm.byFormatName(algorithmName).orElseThrow(() -> new JsonException(source
                + ": algorithm.name: expected one of " + String.join(", ", Algorithm.formatNames()) + ", found \""
                + algorithmName + "\""));
        int steps = (int) integer(member(alg, "inner_steps", source, "algorithm"), source, "algorithm.inner_steps");
        List<String> adapt = null;
        if (alg.containsKey("adapt")) {
            adapt = new ArrayList<>();
            List<Object> names = array(alg.get("adapt"), source, "algorithm.adapt");
            for (int i = 0; i < names.size(); i++) {
                String n = string(names.get(i), source, "algorithm.adapt[" + i + "]");
                if (!params.contains(n)) {
                    throw new JsonException(source + ": algorithm.adapt[" + i + "]: expected a parameter name "
                            + params.names() + ", found \"" + n + "\"");
                }
                adapt.add(n);
            }
        }
        Object lr = member(alg, "inner_lr", source, "algorithm");
        Double innerLr = null;
        Params innerLrs = null;
        if (algorithm == Algorithm.MAML_LSLR) {
            innerLrs = readStepRates(lr, steps, params, adapt, source);
        } else if (lr instanceof Map<?, ?>) {   // Meta-SGD's per-element rates
            innerLrs = readParams(object(lr, source, "algorithm.inner_lr"), source, "algorithm.inner_lr", false);
        } else {
            innerLr = number(lr, source, "algorithm.inner_lr");
        }
        double[] stepWeights = null;
        if (algorithm == Algorithm.MAML_MSL) {
            stepWeights = vector(member(alg, "step_weights", source, "algorithm"), source, "algorithm.step_weights");
            if (stepWeights.length != steps) {
                throw new JsonException(source + ": algorithm.step_weights: expected " + steps + " weights (one per "
                        + "inner step), found " + stepWeights.length);
            }
        }
        Double lambda = null;
        if (algorithm == Algorithm.IMAML) {
            lambda = number(member(alg, "lambda", source, "algorithm"), source, "algorithm.lambda");
            if (!(lambda > 0)) {
                throw new JsonException(source + ": algorithm.lambda: expected a number > 0, found " + lambda);
            }
        }
        List<Task<XYBatch>> tasks = new ArrayList<>();
        List<Object> taskList = array(member(root, "tasks", source, ""), source, "tasks");
        for (int i = 0; i < taskList.size(); i++) {
            String p = "tasks[" + i + "]";
            Map<String, Object> t = object(taskList.get(i), source, p);
            tasks.add(new Task<>(
                    readBatch(object(member(t, "support", source, p), source, p + ".support"), source, p + ".support"),
                    readBatch(object(member(t, "query", source, p), source, p + ".query"), source, p + ".query")));
        }
        if (tasks.isEmpty()) {
            throw new JsonException(source + ": tasks: expected at least one task, found none");
        }
        return new ReferenceCase(name, kind, new Model(mlp, params, loss),
                new Inner(algorithm, innerLr, innerLrs, steps, adapt, stepWeights, lambda), tasks, null, null, expected);
    }

    /** maml_lslr's rates: a list of one object per inner step, {@code {param: rate}} for each adapted parameter. */
    private static Params readStepRates(Object lr, int steps, Params params, List<String> adapt, String source) {
        List<Object> perStep = array(lr, source, "algorithm.inner_lr");
        if (perStep.size() != steps) {
            throw new JsonException(source + ": algorithm.inner_lr: expected one object of rates per inner step ("
                    + steps + "), found " + perStep.size());
        }
        List<String> adapted = adapt == null ? params.names() : adapt;
        LinkedHashMap<String, Tensor> rates = new LinkedHashMap<>();
        for (int s = 0; s < steps; s++) {
            String path = "algorithm.inner_lr[" + s + "]";
            Map<String, Object> step = object(perStep.get(s), source, path);
            if (!step.keySet().equals(Set.copyOf(adapted))) {
                throw new JsonException(source + ": " + path + ": expected a rate for each adapted parameter "
                        + adapted + ", found " + step.keySet());
            }
            for (String n : adapted) {
                rates.put(MAMLPlusPlus.rateName(s, n), Tensor.scalar(number(step.get(n), source, path + "." + n)));
            }
        }
        return Params.of(rates);
    }

    private static XYBatch readBatch(Map<String, Object> obj, String source, String path) {
        Tensor x = Tensor.of(matrix(member(obj, "x", source, path), source, path + ".x"));
        Tensor y = Tensor.of(matrix(member(obj, "y", source, path), source, path + ".y"));
        if (x.rows() != y.rows()) {
            throw new JsonException(source + ": " + path + ": expected as many rows of y as of x (" + x.rows()
                    + "), found " + y.rows());
        }
        return new XYBatch(x, y);
    }

    /** Weights are arrays of rows; biases (names starting with "b" or of flat arrays) are flat lists -> 1xN. */
    private static Params readParams(Map<String, Object> obj, String source, String path, boolean variables) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : obj.entrySet()) {
            String p = path + "." + e.getKey();
            List<Object> list = array(e.getValue(), source, p);
            Tensor t = !list.isEmpty() && list.get(0) instanceof List
                    ? Tensor.of(matrix(e.getValue(), source, p))
                    : Tensor.row(vector(e.getValue(), source, p));
            m.put(e.getKey(), variables ? t.asVariable() : t);
        }
        return Params.of(m);
    }

    private static void checkShapes(MLP mlp, Params params, int[] sizes, String source) {
        for (int l = 1; l < sizes.length; l++) {
            String w = "W" + l, b = "b" + l;
            if (!params.contains(w) || !params.contains(b)) {
                throw new JsonException(source + ": model.params: expected " + w + " and " + b + ", found "
                        + params.names());
            }
            Tensor tw = params.get(w), tb = params.get(b);
            if (tw.rows() != sizes[l - 1] || tw.cols() != sizes[l] || tb.rows() != 1 || tb.cols() != sizes[l]) {
                throw new JsonException(source + ": model.params: expected " + w + " " + sizes[l - 1] + "x" + sizes[l]
                        + " and " + b + " of length " + sizes[l] + ", found " + tw.shape() + " and " + tb.shape());
            }
        }
    }
}
