/** Figures of runs and reports, drawn with XChart and saved as PNG and SVG (via VectorGraphics2D). */
package org.metarec.experiments.plots;
