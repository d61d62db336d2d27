package dev.leakgate.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.leakgate.ComponentShutdown}: a tracked component was shut down (or closed) for the first time. */
@Name("dev.leakgate.ComponentShutdown")
@Label("Component Shutdown")
@Category("LeakGate")
@Description("A thread-owning component was shut down or closed for the first time (its thread may end later)")
@StackTrace(true)
public final class ComponentShutdown extends Event {
  @Label("Kind")
  @Description("The component's kind, e.g. BatchSpanProcessor")
  String kind;

  @Label("Component Id")
  @Description("The component's id, as in its dev.leakgate.ComponentCreated event")
  long id;

  @Label("Creating Line")
  @Description("The line that built it")
  String site;

  @Label("Shutdown Line")
  @Description("The first frame outside the SDK, the JDK and LeakGate that shut it down")
  String shutdownSite;
}
