package dev.leakgate.reports.testing;

import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.json.JsonReports;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The fixture reports under {@code src/test/resources/reports}. */
public final class Fixtures {
  private Fixtures() {}

  /** Returns the path of fixture {@code name}. */
  public static Path path(String name) {
    URL url = Fixtures.class.getResource("/reports/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads fixture {@code name}. */
  public static Report report(String name) {
    try {
      return JsonReports.read(path(name));
    } catch (ReportFormatException e) {
      throw new IllegalStateException(e);
    }
  }
}
