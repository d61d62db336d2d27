package dev.leakgate.reports.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leakgate.reports.model.ComponentThread;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Instance;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Verdict;
import dev.leakgate.reports.render.ReportText;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and writes {@code leakgate.report/1} documents as JSON (Jackson); merging and comparing
 * are {@link Reports}', which need no JSON library.
 */
public final class JsonReports {
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Missing required creator property '([^']+)'");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // later versions may add fields: readers ignore what they do not know
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .annotationIntrospector(new ReportFields())
          .build();

  private JsonReports() {}

  /** Reads the report at {@code file}; every problem becomes one {@link ReportFormatException}. */
  public static Report read(Path file) throws ReportFormatException {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ReportFormatException(name, "no such file", e);
    } catch (IOException e) {
      throw new ReportFormatException(name, "cannot read file (" + e + ")", e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), name);
  }

  /** Parses report JSON; {@code name} names the input in error messages. */
  public static Report parse(String json, String name) throws ReportFormatException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (StreamReadException e) {
      throw new ReportFormatException(name, "not valid JSON (" + describe(e) + ")", e);
    } catch (JsonProcessingException e) {
      throw new ReportFormatException(name, "not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ReportFormatException(name, "empty file, expected a LeakGate report", null);
    }
    if (!tree.isObject()) {
      throw new ReportFormatException(
          name, "not a LeakGate report (expected a JSON object, found " + tree.getNodeType() + ")", null);
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || schema.isNull()) {
      throw new ReportFormatException(
          name, "not a LeakGate report (no \"schema\" field, expected \"" + Report.SCHEMA + "\")", null);
    }
    if (!Report.SCHEMA.equals(schema.asText())) {
      throw new ReportFormatException(
          name,
          "not a LeakGate report (schema is \"" + schema.asText() + "\", expected \"" + Report.SCHEMA + "\")",
          null);
    }
    Report report;
    try {
      report = MAPPER.treeToValue(tree, Report.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ReportFormatException(name, describe(e), e);
    }
    try {
      Instant.parse(report.generatedAt());
    } catch (DateTimeParseException e) {
      throw new ReportFormatException(
          name,
          "invalid field \"generatedAt\": \"" + report.generatedAt() + "\" is not an ISO-8601 instant",
          e);
    }
    return report;
  }

  /** Returns the report as pretty-printed JSON, leaving out absent (null) fields. */
  public static String toJson(Report report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + report, e);
    }
  }

  /**
   * Writes the report as JSON to {@code file}. A lone UTF-16 surrogate in a string (a thread name
   * of the observed application may hold one) is written as U+FFFD: no UTF-8 file can hold it.
   */
  public static void write(Report report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, ReportText.wellFormed(toJson(report)) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Reads several reports (files, or folders as by {@link #files}) and merges them; one report is
   * returned unchanged.
   */
  public static Report readAll(List<Path> paths) throws ReportFormatException {
    List<Report> reports = new ArrayList<>();
    for (Path file : files(paths)) {
      reports.add(read(file));
    }
    return Reports.merge(reports);
  }

  /**
   * The report files named by {@code paths}: a file as given, a folder as every {@code *.json} file
   * directly inside it, by name (the agent's {@code report=FOLDER/} writes one per JVM there; its
   * temporary files end in {@code .tmp} and are left out). A folder without one is an error.
   */
  public static List<Path> files(List<Path> paths) throws ReportFormatException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      List<Path> inside;
      try (Stream<Path> listed = Files.list(path)) {
        inside = listed.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
      } catch (IOException e) {
        throw new ReportFormatException(path.toString(), "cannot list the folder (" + e + ")", e);
      }
      if (inside.isEmpty()) {
        throw new ReportFormatException(path.toString(), "a folder without reports (no *.json file in it)", null);
      }
      files.addAll(inside);
    }
    return files;
  }

  /** Turns a Jackson error into one line naming the field, e.g. {@code missing required field "sites[0].kind"}. */
  private static String describe(Exception e) {
    if (e instanceof StreamReadException read) {
      JsonLocation where = read.getLocation();
      return read.getOriginalMessage().lines().findFirst().orElse("")
          + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr());
    }
    if (e instanceof DatabindException mapping) {
      String path = path(((JsonMappingException) mapping).getPath());
      String original = firstLine(((JacksonException) mapping).getOriginalMessage());
      Matcher missing = MISSING_PROPERTY.matcher(original);
      if (e instanceof MismatchedInputException && missing.find()) {
        String name = missing.group(1);
        // Jackson sometimes already points the path at the missing property
        String field =
            path.isEmpty() ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
        return "missing required field \"" + field + "\"";
      }
      if (e instanceof ValueInstantiationException && e.getCause() != null) {
        original = firstLine(e.getCause().getMessage());
      }
      return "invalid field \"" + path + "\": " + original;
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  /**
   * The {@code leakgate.report/1} rules the records carry no annotations for (the model module has no
   * dependency): which fields a report must have, and which empty lists are left out of the JSON.
   * (Derived accessors such as {@code Report.culprits()} are not getter-named, so Jackson writes only
   * the record components.)
   */
  private static final class ReportFields extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    private static final Map<Class<?>, Set<String>> REQUIRED = Map.of(
        Report.class, Set.of("schema", "generatedAt", "components", "sites"),
        Counts.class, Set.of("created", "shutdown", "live", "liveThreads"),
        Site.class, Set.of("kind", "site", "created", "shutdown", "live", "liveThreads"),
        Sample.class, Set.of("requests"),
        Verdict.class, Set.of("status"),
        KindVerdict.class, Set.of("status"),
        ComponentThread.class, Set.of("name"),
        Instance.class, Set.of("kind", "site"));

    private static final Map<Class<?>, Set<String>> LEFT_OUT_WHEN_EMPTY = Map.of(
        Report.class, Set.of("instances", "preExistingThreads", "samples", "processWide"),
        Instance.class, Set.of("threads"));

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember m) {
      return in(REQUIRED, m) ? Boolean.TRUE : super.hasRequiredMarker(m);
    }

    @Override
    public JsonInclude.Value findPropertyInclusion(Annotated a) {
      if (a instanceof AnnotatedMember m && in(LEFT_OUT_WHEN_EMPTY, m)) {
        return JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY);
      }
      return super.findPropertyInclusion(a);
    }

    /** Whether {@code m} (a record's field, accessor or canonical-constructor parameter) is named in {@code table}. */
    private static boolean in(Map<Class<?>, Set<String>> table, AnnotatedMember m) {
      Set<String> names = table.get(m.getDeclaringClass());
      if (names == null) {
        return false;
      }
      String name = m.getName();
      if (m instanceof AnnotatedParameter p && m.getDeclaringClass().isRecord()) {
        RecordComponent[] components = m.getDeclaringClass().getRecordComponents();
        if (p.getOwner().getParameterCount() != components.length) {
          return false; // not the canonical constructor, which is the one Jackson reads records with
        }
        name = components[p.getIndex()].getName();
      }
      return names.contains(name);
    }
  }
}
