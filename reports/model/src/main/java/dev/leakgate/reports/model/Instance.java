package dev.leakgate.reports.model;

import java.util.List;

/** One instance still live or draining, with the thread and scope that created it. */
public record Instance(
    long id,
    String kind,
    String site,
    String thread,
    String createdAt,
    String scope,
    boolean shutdown,
    String shutdownSite,
    List<ComponentThread> threads) {

  /** Copies the list; an absent list reads as empty. */
  public Instance {
    threads = Copies.list(threads);
  }
}
