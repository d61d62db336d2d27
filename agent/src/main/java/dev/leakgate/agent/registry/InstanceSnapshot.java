package dev.leakgate.agent.registry;

import java.util.List;

/**
 * One tracked component that is still live or draining.
 *
 * @param id sequence number, unique in this JVM
 * @param kind the component kind
 * @param site the creating line
 * @param thread name of the creating thread
 * @param createdAtMillis creation time, epoch milliseconds
 * @param scope the scope open at creation, or null
 * @param shutdown whether shutdown() or close() was called
 * @param shutdownSite where shutdown was first called, or null
 * @param threads the threads it started
 */
public record InstanceSnapshot(
    long id,
    Kind kind,
    CallSite site,
    String thread,
    long createdAtMillis,
    String scope,
    boolean shutdown,
    CallSite shutdownSite,
    List<ThreadSnapshot> threads) {}
