/**
 * Rating data as model inputs: feature encodings, cross-domain user profiles, batches of rating rows
 * and the factory that builds them (and refuses rows hidden from training).
 */
package org.metarec.algorithms.rec.data;
