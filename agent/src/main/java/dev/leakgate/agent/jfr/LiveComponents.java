package dev.leakgate.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** {@code dev.leakgate.LiveComponents}: every period, one event per kind ever built, with its lifecycle counts. */
@Name("dev.leakgate.LiveComponents")
@Label("Live Components")
@Category("LeakGate")
@Description("Lifecycle counts of one kind of thread-owning component, every period, for each kind built so far")
@Period("5 s")
@StackTrace(false)
public final class LiveComponents extends Event {
  @Label("Kind")
  @Description("The component's kind, e.g. BatchSpanProcessor")
  String kind;

  @Label("Live")
  @Description("Built and not shut down")
  long live;

  @Label("Created")
  @Description("Built since the agent started")
  long created;

  @Label("Shut Down")
  @Description("Shut down or closed since the agent started")
  long shutdown;

  @Label("Live Threads")
  @Description("Threads of these components still alive (shut-down ones included while their threads drain)")
  long liveThreads;
}
