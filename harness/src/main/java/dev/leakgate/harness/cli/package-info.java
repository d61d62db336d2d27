/** The {@code leakgate} command line: {@link dev.leakgate.harness.cli.LeakGateCli} and its subcommands. */
package dev.leakgate.harness.cli;
