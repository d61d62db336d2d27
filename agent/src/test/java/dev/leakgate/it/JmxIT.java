package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** The registry is published over JMX with per-kind counts and the report. */
class JmxIT {

  @Test
  void theMBeanPublishesCountsPerKindAndTheReport() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.leakgate:type=Registry");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.isRegistered(name));

    long before = createdProviders(server, name);
    SdkTracerProvider.builder().build();
    assertThat(createdProviders(server, name)).isEqualTo(before + 1);

    String json = (String) server.invoke(name, "reportJson", new Object[0], new String[0]);
    JsonNode report = new ObjectMapper().readTree(json);
    assertThat(report.path("schema").asText()).isEqualTo("leakgate.report/1");
    assertThat(report.path("components").path("SdkTracerProvider").path("created").asLong()).isGreaterThanOrEqualTo(before + 1);
  }

  private static long createdProviders(MBeanServer server, ObjectName name) throws Exception {
    TabularData created = (TabularData) server.getAttribute(name, "Created");
    CompositeData row = created.get(new Object[] {"SdkTracerProvider"});
    return (Long) row.get("value");
  }

}
