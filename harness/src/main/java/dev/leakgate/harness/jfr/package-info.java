/**
 * The JDK Flight Recorder source of the probe: thread starts and ends recorded in a JVM that runs
 * no LeakGate agent, attributed to the line that started each thread and, where an SDK component
 * started it, to that component's kind; read as the same report the agent's registry gives.
 */
package dev.leakgate.harness.jfr;
