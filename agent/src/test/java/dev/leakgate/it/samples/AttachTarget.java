package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds two processors, waits for a line on stdin (the test attaches meanwhile), builds three more, exits. */
public final class AttachTarget {
  private AttachTarget() {}

  public static void main(String[] args) throws Exception {
    List<BatchSpanProcessor> kept = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      kept.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build()); // BEFORE-ATTACH
    }
    System.out.println("ready " + ProcessHandle.current().pid());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    in.readLine();
    for (int i = 0; i < 3; i++) {
      kept.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build()); // AFTER-ATTACH
    }
    System.out.println("done " + kept.size());
  }
}
