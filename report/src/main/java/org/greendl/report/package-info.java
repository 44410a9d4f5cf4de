/**
 * The green report: a self-contained HTML page (summary table, Pareto charts, technique cards, the machine
 * and whether each energy figure was measured or estimated) built from run records only, never by
 * re-running anything. Entry point: {@link org.greendl.report.ReportWriter#write(java.nio.file.Path)}.
 */
package org.greendl.report;
