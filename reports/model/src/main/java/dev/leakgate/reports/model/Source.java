package dev.leakgate.reports.model;

/**
 * Who wrote a report: {@code tool} ({@code agent}, {@code probe}, {@code junit}, {@code demo},
 * {@code merge}), a free-text {@code label} (variant, test, shard), the {@code pid} and the agent
 * version. Every field may be null.
 */
public record Source(String tool, String label, Long pid, String agentVersion) {}
