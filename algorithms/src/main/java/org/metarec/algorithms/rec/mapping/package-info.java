/**
 * Cross-domain mapping baselines: per-domain factorisations, EMCDR (Man et al. 2017) and a
 * PTUPCDR-style personalised bridge (Zhu et al. 2022).
 */
package org.metarec.algorithms.rec.mapping;
