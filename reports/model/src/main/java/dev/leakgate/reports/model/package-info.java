/**
 * The {@code leakgate.report/1} records (see {@code docs/report-schema.md}): what the agent, the
 * probe, a test or the demo saw, with its counts, creation sites, samples and verdict. A JUnit test
 * meets them as {@code GrowthResult.report()} and names {@link dev.leakgate.reports.model.Status} in
 * {@code @LeakCheck(failOn = ...)}. Plain Java, no dependency.
 */
package dev.leakgate.reports.model;
