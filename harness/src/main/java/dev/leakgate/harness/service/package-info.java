/**
 * The reference crewAI-style service LeakGate is tested against: {@link
 * dev.leakgate.harness.service.CreateAgentService} with one telemetry wiring per {@link
 * dev.leakgate.harness.service.Variant}, and {@link dev.leakgate.harness.service.ThreadCensus}, the
 * live threads grouped by role.
 */
package dev.leakgate.harness.service;
