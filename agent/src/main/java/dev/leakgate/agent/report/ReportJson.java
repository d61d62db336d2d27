package dev.leakgate.agent.report;

import dev.leakgate.agent.registry.CallSite;
import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.InstanceSnapshot;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.SiteSnapshot;
import dev.leakgate.agent.registry.Snapshot;
import dev.leakgate.agent.registry.ThreadSnapshot;
import dev.leakgate.agent.registry.UnattributedSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a registry snapshot as a {@code leakgate.report/1} document (docs/report-schema.md).
 * Hand-written because the agent carries no JSON library into the application.
 */
public final class ReportJson {
  /** The schema id every report carries. */
  public static final String SCHEMA = "leakgate.report/1";

  private final StringBuilder out = new StringBuilder(4096);

  private ReportJson() {}

  /** The report JSON for a snapshot, written by {@code tool} ("agent", ...) with the given agent version. */
  public static String toJson(Snapshot snapshot, String tool, String agentVersion) {
    return new ReportJson().report(snapshot, tool, agentVersion);
  }

  private String report(Snapshot s, String tool, String agentVersion) {
    out.append("{\n  \"schema\": ").append(quote(SCHEMA));
    out.append(",\n  \"generatedAt\": ").append(quote(Instant.ofEpochMilli(s.takenAtMillis()).toString()));
    out.append(",\n  \"source\": {\"tool\": ").append(quote(tool))
        .append(", \"pid\": ").append(ProcessHandle.current().pid())
        .append(", \"agentVersion\": ").append(quote(agentVersion)).append('}');
    out.append(",\n  \"components\": {");
    boolean first = true;
    for (Map.Entry<Kind, Counts> e : s.components().entrySet()) {
      if (e.getValue().created() == 0) {
        continue;
      }
      out.append(first ? "\n    " : ",\n    ").append(quote(e.getKey().name())).append(": ");
      counts(e.getValue());
      first = false;
    }
    out.append(first ? "}" : "\n  }");
    out.append(",\n  \"sites\": [");
    first = true;
    for (SiteSnapshot site : s.sites()) {
      out.append(first ? "\n    " : ",\n    ");
      site(site);
      first = false;
    }
    out.append(first ? "]" : "\n  ]");
    out.append(",\n  \"instances\": [");
    first = true;
    for (InstanceSnapshot inst : s.instances()) {
      out.append(first ? "\n    " : ",\n    ");
      instance(inst);
      first = false;
    }
    out.append(first ? "]" : "\n  ]");
    out.append(",\n  \"preExistingThreads\": ");
    threads(s.preExistingThreads());
    if (!s.unattributed().isEmpty()) {
      out.append(",\n  \"unattributed\": [");
      first = true;
      for (UnattributedSnapshot u : s.unattributed()) {
        out.append(first ? "\n    " : ",\n    ").append("{\"kind\": ").append(quote(u.kind().name()))
            .append(", \"site\": ").append(quote(u.site().toString()))
            .append(", \"count\": ").append(u.count())
            .append(", \"tests\": ");
        strings(u.tests());
        out.append('}');
        first = false;
      }
      out.append("\n  ]");
    }
    if (!s.processWide().isEmpty()) {
      out.append(",\n  \"processWide\": [");
      first = true;
      for (SiteSnapshot site : s.processWide()) {
        out.append(first ? "\n    " : ",\n    ");
        site(site);
        first = false;
      }
      out.append("\n  ]");
    }
    out.append("\n}\n");
    return out.toString();
  }

  private void counts(Counts c) {
    out.append("{\"created\": ").append(c.created())
        .append(", \"shutdown\": ").append(c.shutdown())
        .append(", \"live\": ").append(c.live())
        .append(", \"liveThreads\": ").append(c.liveThreads())
        .append(", \"draining\": ").append(c.draining()).append('}');
  }

  private void site(SiteSnapshot site) {
    CallSite cs = site.site();
    Counts c = site.counts();
    out.append("{\"kind\": ").append(quote(site.kind().name()))
        .append(", \"site\": ").append(quote(cs.toString()))
        .append(", \"className\": ").append(quote(cs.className()))
        .append(", \"method\": ").append(quote(cs.method()))
        .append(", \"file\": ").append(quote(cs.file()))
        .append(", \"line\": ").append(cs.line())
        .append(", \"created\": ").append(c.created())
        .append(", \"shutdown\": ").append(c.shutdown())
        .append(", \"live\": ").append(c.live())
        .append(", \"liveThreads\": ").append(c.liveThreads());
    if (site.processWide() != null) {
      out.append(", \"reason\": ").append(quote(site.processWide()));
    }
    out.append(", \"stack\": ");
    strings(site.stack());
    out.append(", \"scopes\": ");
    strings(site.scopes());
    out.append(", \"threads\": ");
    strings(site.threads());
    out.append('}');
  }

  private void instance(InstanceSnapshot i) {
    out.append("{\"id\": ").append(i.id())
        .append(", \"kind\": ").append(quote(i.kind().name()))
        .append(", \"site\": ").append(quote(i.site().toString()))
        .append(", \"thread\": ").append(quote(i.thread()))
        .append(", \"createdAt\": ").append(quote(Instant.ofEpochMilli(i.createdAtMillis()).toString()))
        .append(", \"scope\": ").append(quote(i.scope()))
        .append(", \"shutdown\": ").append(i.shutdown())
        .append(", \"shutdownSite\": ").append(quote(i.shutdownSite() == null ? null : i.shutdownSite().toString()))
        .append(", \"threads\": [");
    boolean first = true;
    for (ThreadSnapshot t : i.threads()) {
      out.append(first ? "" : ", ").append("{\"name\": ").append(quote(t.name()))
          .append(", \"alive\": ").append(t.alive()).append('}');
      first = false;
    }
    out.append("]}");
  }

  private void threads(List<ThreadSnapshot> threads) {
    out.append('[');
    boolean first = true;
    for (ThreadSnapshot t : threads) {
      out.append(first ? "" : ", ").append("{\"name\": ").append(quote(t.name()))
          .append(", \"kind\": ").append(quote(t.kind() == null ? null : t.kind().name()))
          .append(", \"alive\": ").append(t.alive()).append('}');
      first = false;
    }
    out.append(']');
  }

  private void strings(List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    out.append(']');
  }

  /** A JSON string literal (or null) with every character JSON requires escaped. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
