package dev.leakgate.junit;

import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Status;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The settings of one test: the nearest {@link LeakCheck} attribute that is set (method, then
 * class, then enclosing classes), else the configuration parameter, else the built-in default.
 */
record LeakCheckSettings(int maxLive, Set<Status> failOn, Duration settle, Duration timeout, Set<String> kinds) {
  static final String MAX_LIVE_KEY = "leakgate.junit.maxLive";
  static final String FAIL_ON_KEY = "leakgate.junit.failOn";
  static final String SETTLE_KEY = "leakgate.junit.settle";
  static final String TIMEOUT_KEY = "leakgate.junit.timeout";
  static final String KINDS_KEY = "leakgate.junit.kinds";

  /** A test should leave nothing behind: every component it builds it also shuts down. */
  static final int DEFAULT_MAX_LIVE = 0;
  /** Only unbounded growth fails by default; BOUNDED and CHURN are worth a look, not a red build. */
  static final Set<Status> DEFAULT_FAIL_ON = EnumSet.of(Status.LEAK);
  /** Same window as the probe's: longer than a pool's hand-off; paid only after work LeakGate could not follow, or while a thread the test started runs. */
  static final int DEFAULT_SETTLE_MILLIS = 200;
  /** Same bound as the probe's: work that never ends fails the test instead of hanging it. */
  static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /** Resolves the settings of the test of {@code context}. */
  static LeakCheckSettings resolve(ExtensionContext context) {
    List<LeakCheck> annotations = nearestFirst(context);
    int maxLive = attribute(annotations, LeakCheck::maxLive, "maxLive")
        .orElseGet(() -> wholeNumber(context, MAX_LIVE_KEY, DEFAULT_MAX_LIVE));
    int settle = attribute(annotations, LeakCheck::settleMillis, "settleMillis")
        .orElseGet(() -> wholeNumber(context, SETTLE_KEY, DEFAULT_SETTLE_MILLIS));
    int timeout = attribute(annotations, LeakCheck::timeoutSeconds, "timeoutSeconds")
        .orElseGet(() -> wholeNumber(context, TIMEOUT_KEY, DEFAULT_TIMEOUT_SECONDS));
    Set<Status> failOn = annotations.stream()
        .filter(a -> a.failOn().length > 0)
        .findFirst()
        .map(a -> (Set<Status>) EnumSet.copyOf(List.of(a.failOn())))
        .orElseGet(() -> statuses(context));
    Set<String> kinds = annotations.stream()
        .filter(a -> a.kinds().length > 0)
        .findFirst()
        .map(a -> kinds(List.of(a.kinds()), "@LeakCheck(kinds = {\"" + String.join("\", \"", a.kinds()) + "\"})"))
        .orElseGet(() -> context.getConfigurationParameter(KINDS_KEY)
            .map(text -> kinds(List.of(text.split(",")), KINDS_KEY + " = \"" + text + "\""))
            .orElse(Set.copyOf(Kinds.KNOWN)));
    if (timeout * 1000L <= settle) {
      throw new ExtensionConfigurationException("LeakGate: the timeout (" + timeout + " s) must be longer than the settle window ("
          + settle + " ms); set " + TIMEOUT_KEY + " or @LeakCheck(timeoutSeconds)");
    }
    return new LeakCheckSettings(maxLive, failOn, Duration.ofMillis(settle), Duration.ofSeconds(timeout), kinds);
  }

  /** The kinds {@code names} select; a name that is no kind and no group is refused, naming {@code where} and the choices. */
  private static Set<String> kinds(List<String> names, String where) {
    try {
      return Kinds.select(names);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException("LeakGate: " + where + " is not allowed: expected kinds or groups, any case"
          + " (groups: " + Kinds.OPENTELEMETRY + ", " + Kinds.JDK + "; kinds: " + String.join(", ", Kinds.KNOWN) + ")");
    }
  }

  private static List<LeakCheck> nearestFirst(ExtensionContext context) {
    List<LeakCheck> found = new ArrayList<>();
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<AnnotatedElement> element = c.getElement();
      element.flatMap(e -> AnnotationSupport.findAnnotation(e, LeakCheck.class)).ifPresent(found::add);
    }
    return found;
  }

  private static Optional<Integer> attribute(List<LeakCheck> annotations, java.util.function.ToIntFunction<LeakCheck> read, String name) {
    for (LeakCheck a : annotations) {
      int value = read.applyAsInt(a);
      if (value == LeakCheck.DEFAULT) {
        continue;
      }
      if (value < 0) {
        throw new ExtensionConfigurationException("LeakGate: @LeakCheck(" + name + " = " + value
            + ") is not allowed: expected a whole number >= 0, or leave it unset for the configured default");
      }
      return Optional.of(value);
    }
    return Optional.empty();
  }

  private static int wholeNumber(ExtensionContext context, String key, int fallback) {
    return context.getConfigurationParameter(key).map(text -> {
      try {
        int value = Integer.parseInt(text.trim());
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below with the key, the value and what is allowed
      }
      throw new ExtensionConfigurationException("LeakGate: " + key + " = \"" + text + "\" is not allowed: expected a whole number >= 0");
    }).orElse(fallback);
  }

  private static Set<Status> statuses(ExtensionContext context) {
    return context.getConfigurationParameter(FAIL_ON_KEY).map(text -> {
      try {
        return Status.parseList(text);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException("LeakGate: " + FAIL_ON_KEY + " = \"" + text
            + "\" is not allowed: expected a comma-separated list of LEAK, BOUNDED, CHURN, CLEAN, or none");
      }
    }).orElse(DEFAULT_FAIL_ON);
  }
}
