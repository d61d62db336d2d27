package dev.leakgate.junit;

import dev.leakgate.reports.model.Status;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves thread-owning components live: OpenTelemetry's (batch processors, metric
 * readers, providers) and the JDK's (thread pools, fork-join pools, timers, HTTP clients, and threads
 * it started itself). What is process-wide (built in a static initialiser, or by the JDK or the test
 * engine for itself) never fails a test. On a class it applies to every test; on a method it applies to that test, and every
 * attribute set on the method wins over the class. Attributes left at their default take the value
 * from {@code junit-platform.properties} ({@code leakgate.junit.*}), else the built-in default.
 *
 * <p>It registers {@link LeakCheckExtension}. To check tests without it, register the extension by
 * name: {@code @ExtendWith(LeakCheckExtension.class)}, or for a whole suite JUnit's extension
 * auto-detection (a {@code META-INF/services/org.junit.jupiter.api.extension.Extension} file naming
 * it, and {@code junit.jupiter.extensions.autodetection.enabled=true}); those tests take the
 * configured defaults.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LeakCheckExtension.class)
public @interface LeakCheck {
  /** Marks an attribute left unset: the configured default applies. */
  int DEFAULT = -1;

  /**
   * Live components of one kind a test may leave.
   *
   * @return the number allowed; default {@code leakgate.junit.maxLive}, else 0
   */
  int maxLive() default DEFAULT;

  /**
   * Verdicts of a {@link LeakMeter} measurement that fail the test.
   *
   * @return the failing statuses; default {@code leakgate.junit.failOn}, else LEAK
   */
  Status[] failOn() default {};

  /**
   * The quiet period, in ms, a test waits for after work LeakGate could not follow (a component built
   * on a thread nothing carried the test's scope to, while it ran alone), or while a thread it started
   * still runs: its counts must be still that long before they are read. A test whose work was all
   * followed and has ended waits for none.
   *
   * @return the quiet period; default {@code leakgate.junit.settle}, else 200
   */
  int settleMillis() default DEFAULT;

  /**
   * How long a test may wait for its work in flight (tasks it handed off and that have not ended) and
   * for a quiet period, in s; past it the test fails, naming what was still in flight.
   *
   * @return the timeout; default {@code leakgate.junit.timeout}, else 30
   */
  int timeoutSeconds() default DEFAULT;

  /**
   * The kinds a test may not leave live, by name ({@code "ThreadPoolExecutor"}) or group
   * ({@code "opentelemetry"}, {@code "jdk"}), any case.
   *
   * @return the kinds; default {@code leakgate.junit.kinds} (a comma-separated list), else every kind
   */
  String[] kinds() default {};
}
