/** A small JSON reader and writer, exact for doubles, with messages that name the place of an error. */
package org.metarec.core.json;
