package dev.leakgate.reports.model;

import java.util.Comparator;
import java.util.List;

/**
 * One creation call site of one kind, e.g. {@code com.acme.AgentFactory.createAgent(AgentFactory.java:42)},
 * with its counts, creating stack (innermost first), scopes and creating threads. A process-wide site
 * (a report's {@code processWide} section) has a {@code reason}: {@code static-initialiser}, {@code jdk}
 * or {@code test-engine}; an application site has none.
 */
public record Site(
    String kind,
    String site,
    String className,
    String method,
    String file,
    int line,
    long created,
    long shutdown,
    long live,
    long liveThreads,
    List<String> stack,
    List<String> scopes,
    List<String> threads,
    String reason) {

  /** Most live first, then most created: the order of sites in a report. */
  public static final Comparator<Site> MOST_LIVE_FIRST =
      Comparator.comparingLong(Site::live).reversed()
          .thenComparing(Comparator.comparingLong(Site::created).reversed());

  /** Validates the counts and copies the lists; absent lists read as empty. */
  public Site {
    Copies.requireCount("created", created);
    Copies.requireCount("shutdown", shutdown);
    Copies.requireCount("live", live);
    Copies.requireCount("liveThreads", liveThreads);
    stack = Copies.list(stack);
    scopes = Copies.list(scopes);
    threads = Copies.list(threads);
  }

  /** A site without a reason: an application site. */
  public Site(String kind, String site, String className, String method, String file, int line, long created,
      long shutdown, long live, long liveThreads, List<String> stack, List<String> scopes, List<String> threads) {
    this(kind, site, className, method, file, line, created, shutdown, live, liveThreads, stack, scopes, threads, null);
  }

  /** Returns the key that identifies this site across reports: kind and site string. */
  public SiteKey key() {
    return new SiteKey(kind, site);
  }

  /** Returns this site's counts (draining is not tracked per site). */
  public Counts counts() {
    return new Counts(created, shutdown, live, liveThreads, 0);
  }

  /** Returns true when the line number is known. */
  public boolean hasLine() {
    return line > 0;
  }
}
