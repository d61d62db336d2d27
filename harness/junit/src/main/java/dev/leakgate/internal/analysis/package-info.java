/**
 * Internal to LeakGate, not an API: the growth analysis that turns samples into verdicts, shared
 * by the JUnit extension and the {@code leakgate} CLI. It may change in any release; import
 * {@code dev.leakgate.junit} instead.
 */
package dev.leakgate.internal.analysis;
