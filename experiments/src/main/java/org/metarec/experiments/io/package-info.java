/**
 * Small file formats of our own: a JSON writer/reader whose numbers round-trip exactly, and crash-safe file writes
 * (temporary file in the same folder, then an atomic rename).
 */
package org.metarec.experiments.io;
