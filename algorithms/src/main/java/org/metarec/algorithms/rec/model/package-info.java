/**
 * Rating models as pure functions of explicit parameters: biased matrix factorisation, NeuMF, a
 * feature MLP and MeLU, their loss, and the conversion of pooled per-user tables to the cold-start form.
 */
package org.metarec.algorithms.rec.model;
