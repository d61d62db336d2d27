package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.RegistryDump;
import dev.leakgate.it.samples.RelocatedWorkload;
import dev.leakgate.it.samples.ThrowingConstructions;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.Relocation;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sdkPackage=} instruments an SDK relocated by a shade plugin (here the real SDK jars,
 * relocated the way the shade plugin does it), and a tracked constructor that throws leaves nothing behind.
 */
class RelocatedSdkIT {
  private static final String SHADED_SDK = "dev.leakgate.it.shaded.io.opentelemetry.sdk";
  private static final String THROWING_SDK = "dev.leakgate.it.throwing.io.opentelemetry.sdk";

  @TempDir static Path dir;
  private static Path relocatedSdk;

  @BeforeAll
  static void relocateTheRealSdk() throws Exception {
    relocatedSdk = new Relocation("io.opentelemetry.sdk", SHADED_SDK)
        .relocateJars(Path.of(System.getProperty("leakgate.otel.current")), "opentelemetry-sdk", dir.resolve("shaded-sdk.jar"));
  }

  @Test
  void aRelocatedSdkIsCountedAtTheApplicationsLineWithTheOption() throws Exception {
    ForkedJvm.Result result = relocated("log=quiet,sdkPackage=" + SHADED_SDK);

    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));
    JsonNode bsp = json.path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("created").asLong()).isEqualTo(4);
    assertThat(bsp.path("shutdown").asLong()).isEqualTo(1);
    assertThat(bsp.path("live").asLong()).isEqualTo(3);
    assertThat(json.path("sites")).singleElement().satisfies(site -> {
      assertThat(site.path("site").asText()).isEqualTo(RelocatedWorkload.class.getName() + ".main(RelocatedWorkload.java:"
          + SourceLines.lineOf(RelocatedWorkload.class, "RELOCATED-LINE") + ")");
      assertThat(site.path("created").asLong()).isEqualTo(4);
      assertThat(site.path("live").asLong()).isEqualTo(3);
    });
  }

  @Test
  void withoutTheOptionTheRelocatedSdkIsNotCounted() throws Exception {
    ForkedJvm.Result result = relocated("log=quiet");

    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));
    assertThat(json.path("components").path("BatchSpanProcessor").path("created").asLong()).isZero();
    assertThat(json.path("sites")).isEmpty();
  }

  @Test
  void aTrackedConstructorThatThrowsAfterMakingItsThreadLeavesNothingBehind() throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet,sdkPackage=" + THROWING_SDK)
        .run(ThrowingConstructions.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).as("stderr").isEmpty();
    assertThat(result.out()).contains(
        "exceptions unchanged 200",
        "made 400, still reachable after GC 0",
        "construction frame left false",
        "created 0",
        "failures 0");
  }

  private ForkedJvm.Result relocated(String agentOptions) throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"), relocatedSdk.toString())
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current"))) // the API and context, and an unrelocated SDK beside
        .agent(agentOptions)
        .run(RelocatedWorkload.class.getName(), SHADED_SDK);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).as("stderr").isEmpty();
    assertThat(result.out()).contains("built 4 " + SHADED_SDK + ".trace.export.BatchSpanProcessor", "failures 0");
    return result;
  }
}
