/**
 * Internal to LeakGate, not an API: the load drivers (in-process calls, HTTP requests) behind
 * {@code LeakMeter} and the {@code leakgate probe} CLI. It may change in any release; import
 * {@code dev.leakgate.junit} instead.
 */
package dev.leakgate.internal.load;
