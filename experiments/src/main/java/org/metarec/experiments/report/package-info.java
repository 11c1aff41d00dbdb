/**
 * Reports across run folders: runs that differ only in their seed form one variant; each method's per-seed means
 * are averaged with a 95% interval across seeds and compared with the reference method by paired tests over seeds.
 */
package org.metarec.experiments.report;
