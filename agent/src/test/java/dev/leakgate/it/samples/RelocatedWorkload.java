package dev.leakgate.it.samples;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Uses an SDK relocated to the package given as the first argument, as a shaded library would. Its
 * names exist only once the test has relocated the real SDK, so they are reached by name: four
 * processors built at one line, one of them shut down. Prints the registry.
 */
public final class RelocatedWorkload {
  private RelocatedWorkload() {}

  public static void main(String[] args) throws Exception {
    String sdk = args[0];
    Class<?> exporterType = Class.forName(sdk + ".trace.export.SpanExporter");
    // composite() of no exporter is the SDK's own no-op exporter
    Object exporter = exporterType.getMethod("composite", exporterType.arrayType()).invoke(null, Array.newInstance(exporterType, 0));
    Class<?> processorType = Class.forName(sdk + ".trace.export.BatchSpanProcessor");
    Method builder = processorType.getMethod("builder", exporterType);
    Method build = builder.getReturnType().getMethod("build");
    List<Object> processors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      processors.add(build.invoke(builder.invoke(null, exporter))); // RELOCATED-LINE
    }
    processorType.getMethod("shutdown").invoke(processors.get(0));
    System.out.println("built " + processors.size() + " " + processors.get(0).getClass().getName());
    RegistryDump.print();
  }
}
