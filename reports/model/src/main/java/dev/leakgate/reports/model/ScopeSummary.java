package dev.leakgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live or draining instances of one scope (a request, a test): how many of each kind, the
 * threads that built them and their creating lines. Read from a report's instances.
 *
 * @param scope the scope's name
 * @param kinds instances per kind, in the order first seen
 * @param threads names of the threads that built them, in the order first seen
 * @param sites their creating lines, in the order first seen
 */
public record ScopeSummary(String scope, Map<String, Integer> kinds, List<String> threads, List<String> sites) {

  /** Copies the collections. */
  public ScopeSummary {
    kinds = Map.copyOf(kinds);
    threads = List.copyOf(threads);
    sites = List.copyOf(sites);
  }

  /** The scopes of {@code report}'s instances, in the order their first instance was created; unscoped instances are left out. */
  public static List<ScopeSummary> of(Report report) {
    Map<String, Builder> byScope = new LinkedHashMap<>();
    report.instances().stream()
        .filter(i -> i.scope() != null)
        .sorted((a, b) -> Long.compare(a.id(), b.id()))
        .forEach(i -> byScope.computeIfAbsent(i.scope(), Builder::new).add(i));
    List<ScopeSummary> out = new ArrayList<>(byScope.size());
    for (Builder b : byScope.values()) {
      out.add(new ScopeSummary(b.scope, b.kinds, new ArrayList<>(b.threads), new ArrayList<>(b.sites)));
    }
    return out;
  }

  /** "4 BatchSpanProcessor, 1 SdkTracerProvider". */
  public String kindsText() {
    StringBuilder b = new StringBuilder();
    kinds.forEach((kind, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(kind));
    return b.toString();
  }

  private static final class Builder {
    final String scope;
    final Map<String, Integer> kinds = new LinkedHashMap<>();
    final Set<String> threads = new LinkedHashSet<>();
    final Set<String> sites = new LinkedHashSet<>();

    Builder(String scope) {
      this.scope = scope;
    }

    void add(Instance i) {
      kinds.merge(i.kind(), 1, Integer::sum);
      if (i.thread() != null) {
        threads.add(i.thread());
      }
      sites.add(i.site());
    }
  }
}
