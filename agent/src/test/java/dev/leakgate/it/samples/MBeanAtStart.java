package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Prints whether the registry MBean is there as main starts, then the providers it counts after one is built. */
public final class MBeanAtStart {
  private MBeanAtStart() {}

  public static void main(String[] args) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.leakgate:type=Registry");
    System.out.println("registered " + server.isRegistered(name));
    SdkTracerProvider.builder().build();
    CompositeData row = ((TabularData) server.getAttribute(name, "Created")).get(new Object[] {"SdkTracerProvider"});
    System.out.println("created " + row.get("value"));
    String json = (String) server.invoke(name, "reportJson", new Object[0], new String[0]);
    System.out.println("report " + json.contains("\"schema\": \"leakgate.report/1\""));
  }
}
