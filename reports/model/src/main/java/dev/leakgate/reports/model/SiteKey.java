package dev.leakgate.reports.model;

/** Identifies a creation site across reports: the component kind and the {@code site} string. */
public record SiteKey(String kind, String site) {
  @Override
  public String toString() {
    return kind + " at " + site;
  }
}
