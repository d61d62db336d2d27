/**
 * The JUnit 5 extension: {@link dev.leakgate.junit.LeakCheck} on a test class or method fails
 * tests that leave OpenTelemetry components live, naming kind, count and creating line;
 * {@link dev.leakgate.junit.LeakMeter} measures growth per request inside a test;
 * {@link dev.leakgate.junit.LeakAssertions} asserts on what it measured.
 */
package dev.leakgate.junit;
