/**
 * The implicit-feedback cold-start study ({@code experiment: implicit}): CDRIB's Amazon splits, one source to target
 * direction, sampled and full-catalogue ranking of the cold users' held-out items at K = 0 and K-shot, for popularity,
 * BPR-MF, pooled BPR-MF with fine-tuning, MAML, first-order MAML and Reptile on MF, and EMCDR and PTUPCDR on per-domain
 * BPR-MF factors.
 */
package org.metarec.experiments.study.implicit;
