package dev.leakgate.agent.registry;

/**
 * A thread started by a tracked component.
 *
 * @param name the thread's name
 * @param kind the kind of the component that owns it, or null when unknown
 * @param alive whether the thread is still alive
 */
public record ThreadSnapshot(String name, Kind kind, boolean alive) {}
