/** Small programs the {@code Startup} benchmark starts in fresh JVMs, and the empty agent it compares with. */
package dev.leakgate.benchmarks.programs;
