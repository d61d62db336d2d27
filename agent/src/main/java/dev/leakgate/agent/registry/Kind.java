package dev.leakgate.agent.registry;

/** An OpenTelemetry SDK component LeakGate tracks; the constant is the component's simple class name. */
public enum Kind {
  BatchSpanProcessor("io.opentelemetry.sdk.trace.export.BatchSpanProcessor"),
  BatchLogRecordProcessor("io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor"),
  PeriodicMetricReader("io.opentelemetry.sdk.metrics.export.PeriodicMetricReader"),
  SdkTracerProvider("io.opentelemetry.sdk.trace.SdkTracerProvider"),
  SdkMeterProvider("io.opentelemetry.sdk.metrics.SdkMeterProvider"),
  SdkLoggerProvider("io.opentelemetry.sdk.logs.SdkLoggerProvider"),
  OpenTelemetrySdk("io.opentelemetry.sdk.OpenTelemetrySdk");

  private static final Kind[] ALL = values();

  private final String className;

  Kind(String className) {
    this.className = className;
  }

  /** The fully qualified SDK class name of this kind. */
  public String className() {
    return className;
  }

  /** The kind with this name (a woven class passes its kind's name), or null. */
  public static Kind of(Object name) {
    for (Kind kind : ALL) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
