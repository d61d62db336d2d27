package dev.leakgate.reports.model;


/**
 * A thread started by a tracked component: in {@link Instance#threads()} (no kind) or in {@link
 * Report#preExistingThreads()} (with its kind, site unknown).
 */
public record ComponentThread(String name, String kind, boolean alive) {}
