/**
 * The lessons of {@code docs/lessons/}: {@link org.metarec.experiments.lessons.Lessons} finds lesson N's
 * single Java source file, compiles it against metarec's own classes and runs it.
 */
package org.metarec.experiments.lessons;
