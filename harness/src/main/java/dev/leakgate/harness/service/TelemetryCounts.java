package dev.leakgate.harness.service;

/**
 * What the service's own telemetry wiring did, counted by the wiring itself (not by the agent).
 *
 * <p>Every tracer provider the service builds has exactly one {@code BatchSpanProcessor}, so these
 * are processor counts as much as provider counts.
 *
 * @param processorsBuilt batch span processors built so far
 * @param processorsShutDown of those, the ones shut down
 * @param processorsLive built minus shut down
 * @param spansExported spans handed to the service's discarding exporter
 */
public record TelemetryCounts(
    long processorsBuilt, long processorsShutDown, long processorsLive, long spansExported) {}
