package dev.leakgate.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;

/**
 * One creation call site of one kind, e.g. {@code com.acme.AgentFactory.createAgent(AgentFactory.java:42)},
 * with its counts, creating stack (innermost first), scopes and creating threads.
 */
public record Site(
    @JsonProperty(required = true) String kind,
    @JsonProperty(required = true) String site,
    String className,
    String method,
    String file,
    int line,
    @JsonProperty(required = true) long created,
    @JsonProperty(required = true) long shutdown,
    @JsonProperty(required = true) long live,
    @JsonProperty(required = true) long liveThreads,
    List<String> stack,
    List<String> scopes,
    List<String> threads) {

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

  /** Returns the key that identifies this site across reports: kind and site string. */
  @JsonIgnore
  public SiteKey key() {
    return new SiteKey(kind, site);
  }

  /** Returns this site's counts (draining is not tracked per site). */
  @JsonIgnore
  public Counts counts() {
    return new Counts(created, shutdown, live, liveThreads, 0);
  }

  /** Returns true when the line number is known. */
  @JsonIgnore
  public boolean hasLine() {
    return line > 0;
  }
}
