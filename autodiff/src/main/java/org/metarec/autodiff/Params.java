package org.metarec.autodiff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An ordered, immutable map from parameter names to tensors: the explicit parameters that a
 * model is a function of.
 *
 * <p>Models never hold their parameters: {@code model.apply(params, x)} is a pure function, so a
 * meta-learner can evaluate the same model at the adapted parameters {@code phi} that its inner
 * loop returned, while the graph still links {@code phi} back to the initial {@code theta}.
 * Every method returns a new {@code Params}; none modifies this one.
 */
public final class Params {

    private final Map<String, Tensor> byName;

    private Params(Map<String, Tensor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Parameters with the given names and tensors, in the map's iteration order. */
    public static Params of(Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("Params: every parameter needs a non-empty name and a tensor, found "
                        + e.getKey() + " -> " + e.getValue());
            }
        }
        return new Params(new LinkedHashMap<>(tensors));
    }

    /** An empty set of parameters. */
    public static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    /** Parameters from alternating names and tensors: {@code Params.of("w", w, "b", b)}. */
    public static Params of(Object... namesAndTensors) {
        if (namesAndTensors.length % 2 != 0) {
            throw new IllegalArgumentException("Params.of: expected name, tensor pairs, found "
                    + namesAndTensors.length + " arguments");
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            m.put((String) namesAndTensors[i], (Tensor) namesAndTensors[i + 1]);
        }
        return of(m);
    }

    /** The tensor named {@code name}. */
    public Tensor get(String name) {
        Tensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("Params: no parameter named '" + name + "'; the names are " + names());
        }
        return t;
    }

    /** True when a parameter named {@code name} exists. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The names, in order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** The tensors, in the order of {@link #names()}. */
    public List<Tensor> tensors() {
        return new ArrayList<>(byName.values());
    }

    /** A read-only view of the name to tensor map. */
    public Map<String, Tensor> asMap() {
        return byName;
    }

    /** Number of parameter tensors. */
    public int size() {
        return byName.size();
    }

    /** Total number of scalars over all tensors. */
    public int numel() {
        int n = 0;
        for (Tensor t : byName.values()) {
            n += t.size();
        }
        return n;
    }

    /** The same names with new tensors, given in the order of {@link #names()}. */
    public Params withValues(List<Tensor> tensors) {
        if (tensors.size() != byName.size()) {
            throw new IllegalArgumentException("Params.withValues: " + byName.size() + " parameters but "
                    + tensors.size() + " tensors");
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, Tensor> e : byName.entrySet()) {
            Tensor t = tensors.get(k++);
            if (!t.sameShape(e.getValue())) {
                throw new IllegalArgumentException("Params.withValues: '" + e.getKey() + "' is " + e.getValue().shape()
                        + " but its new value is " + t.shape());
            }
            m.put(e.getKey(), t);
        }
        return new Params(m);
    }

    /** These parameters with {@code name} set to {@code t} (added at the end if new). */
    public Params with(String name, Tensor t) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>(byName);
        m.put(name, t);
        return of(m);
    }

    /** These parameters, with those of {@code other} replacing or added after them. */
    public Params merge(Params other) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>(byName);
        m.putAll(other.byName);
        return new Params(m);
    }

    /** Only the named parameters, in this object's order; every name must exist. */
    public Params subset(Collection<String> names) {
        for (String n : names) {
            get(n);
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : byName.entrySet()) {
            if (names.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new Params(m);
    }

    /** Applies {@code f} to every tensor. */
    public Params map(UnaryOperator<Tensor> f) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        byName.forEach((k, v) -> m.put(k, f.apply(v)));
        return new Params(m);
    }

    /** Combines the tensors of equal names: {@code f(this[name], other[name])}; names must match. */
    public Params zip(Params other, BinaryOperator<Tensor> f) {
        if (!byName.keySet().equals(other.byName.keySet())) {
            throw new IllegalArgumentException("Params.zip: names differ: " + names() + " and " + other.names());
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        byName.forEach((k, v) -> m.put(k, f.apply(v, other.byName.get(k))));
        return new Params(m);
    }

    /** Every tensor as a fresh leaf that requires a gradient (values shared, history dropped). */
    public Params asVariables() {
        return map(Tensor::asVariable);
    }

    /** Every tensor as a constant (values shared, history dropped). */
    public Params detach() {
        return map(Tensor::detach);
    }

    /** Names and shapes, for messages: {@code {W1=1x40, b1=1x40}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        byName.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(v.shape()));
        return sb.append('}').toString();
    }
}
