/**
 * The data model of a cross-domain recommendation experiment.
 *
 * <p>{@link org.metarec.core.data.Interactions} holds ratings column-wise with dense indices (users
 * 0..U-1, items 0..I-1, domains 0..D-1) and {@link org.metarec.core.data.IdMap}s back to the raw IDs;
 * every interaction belongs to exactly one domain. {@link org.metarec.core.data.SideFeatures} encodes
 * categorical, multi-hot and numeric attributes of users or items both as dense vectors and as index lists
 * for embedding lookups. A {@link org.metarec.core.data.Dataset} bundles them with the
 * {@link org.metarec.core.data.LoadReport} that describes how they were obtained.
 */
package org.metarec.core.data;
