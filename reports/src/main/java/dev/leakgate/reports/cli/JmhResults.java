package dev.leakgate.reports.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.reports.json.FileProblem;
import dev.leakgate.reports.json.ReportFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads JMH's JSON results ({@code -rf json}): the benchmark, its params and its secondary scores. */
public final class JmhResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JmhResults() {}

  /**
   * One benchmark run as JMH wrote it.
   *
   * @param benchmark the benchmark's full name
   * @param params its {@code @Param} values, e.g. {@code variant=leaky}
   * @param secondary the score of each secondary metric, e.g. {@code liveGrowthPerOp}
   */
  public record Run(String benchmark, Map<String, String> params, Map<String, Double> secondary) {
    /** Copies the maps. */
    public Run {
      params = Map.copyOf(params);
      secondary = Map.copyOf(secondary);
    }

    /** {@code CreateAgentLoad.oneClient variant=leaky}: the short name and the params. */
    public String label() {
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      StringBuilder b = new StringBuilder(name);
      new TreeMap<>(params).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      return b.toString();
    }
  }

  /** Reads one file; throws with a one-line message naming the file and the problem. */
  public static List<Run> read(Path file) throws ReportFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ReportFormatException(file.toString(), FileProblem.of(e), e);
    } catch (JacksonException e) {
      throw new ReportFormatException(file.toString(), "not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new ReportFormatException(file.toString(), "cannot read (" + FileProblem.of(e) + ")", e);
    }
    if (root == null || !root.isArray()) {
      throw new ReportFormatException(file.toString(), "not JMH results (expected the JSON array that -rf json writes)", null);
    }
    if (root.isEmpty()) {
      throw new ReportFormatException(file.toString(), "no benchmark results in it", null);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      runs.add(run(file, i, root.get(i)));
    }
    return runs;
  }

  private static Run run(Path file, int index, JsonNode node) throws ReportFormatException {
    String where = "result " + (index + 1);
    JsonNode benchmark = node.path("benchmark");
    if (!benchmark.isTextual() || benchmark.asText().isBlank()) {
      throw new ReportFormatException(file.toString(), where + " has no \"benchmark\" name", null);
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode p = node.path("params");
    if (!p.isMissingNode() && !p.isNull()) {
      if (!p.isObject()) {
        throw new ReportFormatException(file.toString(), where + ": \"params\" is not an object", null);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
    }
    Map<String, Double> secondary = new LinkedHashMap<>();
    JsonNode s = node.path("secondaryMetrics");
    if (!s.isMissingNode() && !s.isNull()) {
      if (!s.isObject()) {
        throw new ReportFormatException(file.toString(), where + ": \"secondaryMetrics\" is not an object", null);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode score = e.getValue().path("score");
        if (!score.isNumber()) {
          throw new ReportFormatException(file.toString(), where + ": secondary metric \"" + e.getKey() + "\" has no numeric \"score\"", null);
        }
        secondary.put(e.getKey(), score.asDouble());
      }
    }
    return new Run(benchmark.asText(), params, secondary);
  }
}
