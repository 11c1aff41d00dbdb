/**
 * Core of metarec: everything a cross-domain recommendation experiment needs before a model is trained.
 *
 * <ul>
 *   <li>{@link org.metarec.core.random}: seeded, platform-independent random streams, one per purpose;</li>
 *   <li>{@link org.metarec.core.data}: interactions, domains, side features, data sets, load reports;</li>
 *   <li>{@link org.metarec.core.data.io}: loaders for MovieLens 100K/1M and generic delimited files;</li>
 *   <li>{@link org.metarec.core.synthetic}: a synthetic multi-domain world with a known noise floor;</li>
 *   <li>{@link org.metarec.core.tasks}: few-shot rating tasks and the cold-start protocols that make them;</li>
 *   <li>{@link org.metarec.core.metrics}: rating and ranking metrics per task;</li>
 *   <li>{@link org.metarec.core.stats}: confidence intervals and paired tests.</li>
 * </ul>
 *
 * <p>The module depends only on Apache Commons Math (for the Student t and normal distributions).
 */
package org.metarec.core;
