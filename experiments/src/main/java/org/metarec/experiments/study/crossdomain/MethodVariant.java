package org.metarec.experiments.study.crossdomain;

import java.util.ArrayList;
import java.util.List;
import org.metarec.experiments.study.rec.RecMethod;

/**
 * A row of the cross-domain table: a method, where its users start ({@link UserStart}) and whether it may
 * use the source domains. The row's name is the method's, with a suffix for each choice that differs from
 * the method's default:
 * <ul>
 *   <li>{@code <meta>.src}, {@code <meta>.both}: a meta-learner starting each user from their source
 *       embedding (without or with the profile map) instead of the profile;</li>
 *   <li>{@code pretrained.profile}: pretrained starting everyone from the average row plus the profile map
 *       (it never reads a user's own row); {@code pretrained.src}: from the own row, without the profile;</li>
 *   <li>{@code <meta>.nosrc}: the meta-learner on the target domain alone (no source tasks or profiles),
 *       the ablation of transfer as a row of the same run. {@code pretrained} without the sources is
 *       {@code target_only}, so it has no {@code .nosrc} row.</li>
 * </ul>
 *
 * @param method the method
 * @param start where its users start, or null for a method without that choice
 * @param sources whether it may use the source domains
 */
public record MethodVariant(RecMethod method, UserStart start, boolean sources) {

    /** The suffix of the no-sources ablation. */
    public static final String NO_SOURCES = "nosrc";

    /** Validates the combination. */
    public MethodVariant {
        if (method == null) {
            throw new IllegalArgumentException("method variant: expected a method, found none");
        }
        UserStart own = UserStart.defaultFor(method);
        if ((own == null) != (start == null)) {
            throw new IllegalArgumentException("method variant: " + method + (own == null
                    ? " has no choice of user start, found " + start : " needs a user start, found none"));
        }
        if (!sources && (method.family() != RecMethod.Family.META || start != UserStart.PROFILE)) {
            throw new IllegalArgumentException("method variant: expected ." + NO_SOURCES + " on a meta-learner with "
                    + "its default start only, found " + method + " starting from " + start);
        }
    }

    /**
     * The method with its default start and the sources.
     *
     * @param method the method
     * @return the variant named like the method
     */
    public static MethodVariant of(RecMethod method) {
        return new MethodVariant(method, UserStart.defaultFor(method), true);
    }

    /**
     * The row's name: the method's, then {@code .<start>} if not its default, then {@code .nosrc}.
     *
     * @return the name configs and tables use
     */
    public String name() {
        String n = method.configName();
        if (start != null && start != UserStart.defaultFor(method)) {
            n += "." + start.suffix();
        }
        return sources ? n : n + "." + NO_SOURCES;
    }

    /**
     * Whether users start from their source embedding (so the model needs per-user parameters).
     *
     * @return true for {@link UserStart#SOURCE_EMBEDDING} and {@link UserStart#BOTH}
     */
    public boolean needsUserTables() {
        return start != null && start.usesSourceEmbedding();
    }

    /**
     * Every row name this study accepts: each method, and for the meta-learners and pretrained their
     * non-default starts and the meta-learners' no-sources ablation.
     *
     * @param methods the methods
     * @return the variants, method by method
     */
    public static List<MethodVariant> all(List<RecMethod> methods) {
        List<MethodVariant> out = new ArrayList<>();
        for (RecMethod m : methods) {
            out.add(of(m));
            UserStart own = UserStart.defaultFor(m);
            if (own == null) {
                continue;
            }
            for (UserStart s : UserStart.values()) {
                if (s != own) {
                    out.add(new MethodVariant(m, s, true));
                }
            }
            if (m.family() == RecMethod.Family.META) {
                out.add(new MethodVariant(m, own, false));
            }
        }
        return out;
    }

    /**
     * The variant of a row name.
     *
     * @param name a name of {@link #all}
     * @param methods the methods the names are made of
     * @return the variant
     * @throws IllegalArgumentException listing the accepted names
     */
    public static MethodVariant named(String name, List<RecMethod> methods) {
        List<MethodVariant> all = all(methods);
        return all.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("crossdomain method: expected one of "
                        + all.stream().map(MethodVariant::name).toList() + ", found '" + name + "'"));
    }

    @Override
    public String toString() {
        return name();
    }
}
