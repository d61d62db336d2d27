package dev.leakgate.agent.registry;

import java.util.List;

/**
 * Counts of one kind created at one call site.
 *
 * @param kind the component kind
 * @param site the creating line
 * @param counts lifecycle counts at this site
 * @param stack the creating stack from the site outwards, at most stackDepth frames
 * @param scopes distinct scope names seen at creation (bounded)
 * @param threads distinct names of the creating threads (bounded)
 * @param processWide why its components are process-wide ({@code static-initialiser}, {@code jdk},
 *     {@code test-engine}), or null when they belong to the scopes they were built in
 */
public record SiteSnapshot(
    Kind kind, CallSite site, Counts counts, List<String> stack, List<String> scopes, List<String> threads,
    String processWide) {}
