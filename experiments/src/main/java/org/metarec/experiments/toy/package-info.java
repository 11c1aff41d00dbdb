/** The {@code toy} experiment kind: a seeded least-squares problem, small and fast, used to test the machinery. */
package org.metarec.experiments.toy;
