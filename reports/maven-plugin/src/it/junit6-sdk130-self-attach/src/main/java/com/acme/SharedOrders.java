package com.acme;

import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;

/** The fix: one meter provider for the service, shut down with it. */
public final class SharedOrders implements AutoCloseable {
  private final SdkMeterProvider metrics = SdkMeterProvider.builder()
      .registerMetricReader(PeriodicMetricReader.builder(new Orders.NoExport()).build())
      .build();
  private final LongCounter orders = metrics.get("com.acme.orders").counterBuilder("orders").build();

  public String place(String item) {
    orders.add(1);
    return "placed " + item;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
