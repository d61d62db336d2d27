/**
 * The gate's rules over reports (live components, verdicts, rates, a baseline), shared by the
 * {@code leakgate gate} command, the Maven plugin's {@code gate} goal and the JUnit extension's
 * failure hint. A JUnit test needs none of it.
 */
package dev.leakgate.reports.gate;
