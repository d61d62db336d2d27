package dev.leakgate.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A thread started by a tracked component: in {@link Instance#threads()} (no kind) or in {@link
 * Report#preExistingThreads()} (with its kind, site unknown).
 */
public record ComponentThread(@JsonProperty(required = true) String name, String kind, boolean alive) {}
