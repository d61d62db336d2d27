package sample;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BrokenReportTest {

  @Test
  void leavesAReportThatIsNotJson() throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "leakgate"));
    Files.writeString(folder.resolve("broken.json"), "{\"schema\": \"leakgate.report/1\", half written");
  }
}
