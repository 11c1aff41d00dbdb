/** Turns the {@code data} section of a config into a core {@link org.metarec.core.data.Dataset} (loaded or generated). */
package org.metarec.experiments.data;
