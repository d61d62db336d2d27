package dev.leakgate.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One instance still live or draining, with the thread and scope that created it. */
public record Instance(
    long id,
    @JsonProperty(required = true) String kind,
    @JsonProperty(required = true) String site,
    String thread,
    String createdAt,
    String scope,
    boolean shutdown,
    String shutdownSite,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ComponentThread> threads) {

  /** Copies the list; an absent list reads as empty. */
  public Instance {
    threads = Copies.list(threads);
  }
}
