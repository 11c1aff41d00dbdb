package org.metarec.experiments.study.crossdomain;

import org.metarec.experiments.study.rec.RecMethod;

/**
 * Where a cold user's parameters start before adaptation, for the methods whose user has a learned start
 * (the meta-learners and {@code pretrained}):
 * <ul>
 *   <li>{@link #PROFILE}: one shared row for everyone plus a learned linear map of the user's hand-made
 *       cross-domain profile ({@link org.metarec.algorithms.rec.data.UserProfiles}); the meta-learners'
 *       default;</li>
 *   <li>{@link #SOURCE_EMBEDDING}: the user's own learned source embedding, the row of the user tables that
 *       pooled training on all training rows (the user's source ratings among them) learned for that user;
 *       the meta-learners meta-learn its adaptation (TMCDR, Zhu et al. SIGIR 2021), starting from the
 *       pretrained model;</li>
 *   <li>{@link #BOTH}: the source embedding and the profile map; {@code pretrained}'s default.</li>
 * </ul>
 * A method's row name carries the start when it is not the method's default ({@link MethodVariant}).
 */
public enum UserStart {

    /** The shared row plus the profile map. */
    PROFILE("profile"),
    /** The user's own pretrained row, without the profile. */
    SOURCE_EMBEDDING("src"),
    /** The user's own pretrained row and the profile map. */
    BOTH("both");

    private final String suffix;

    UserStart(String suffix) {
        this.suffix = suffix;
    }

    /**
     * The suffix of a row name with this start, e.g. {@code src} in {@code maml.src}.
     *
     * @return the suffix
     */
    public String suffix() {
        return suffix;
    }

    /**
     * Whether the user's profile is a model input.
     *
     * @return true for {@link #PROFILE} and {@link #BOTH}
     */
    public boolean usesProfile() {
        return this != SOURCE_EMBEDDING;
    }

    /**
     * Whether the user starts from their own pretrained row.
     *
     * @return true for {@link #SOURCE_EMBEDDING} and {@link #BOTH}
     */
    public boolean usesSourceEmbedding() {
        return this != PROFILE;
    }

    /**
     * The start a method has when its name carries none: the profile for the meta-learners, both for
     * {@code pretrained}; null for the methods without a choice.
     *
     * @param method a method
     * @return its default start, or null
     */
    public static UserStart defaultFor(RecMethod method) {
        if (method.family() == RecMethod.Family.META) {
            return PROFILE;
        }
        return method == RecMethod.PRETRAINED ? BOTH : null;
    }
}
