package org.metarec.algorithms.rec.mapping;

import org.metarec.autodiff.Params;

/**
 * Receives the parameters of a transfer network (EMCDR's mapping, PTUPCDR's bridge) at step 0 and every
 * {@link MappingSettings#validateEvery()} steps, so that the caller scores them with its own protocol.
 */
@FunctionalInterface
public interface Checkpoint {

    /**
     * A checkpoint.
     *
     * @param step the Adam steps taken so far
     * @param params the network's parameters (constants)
     * @return true to go on training, false to stop (e.g. the trial budget is spent)
     */
    boolean offer(long step, Params params);
}
