package dev.leakgate.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code dev.leakgate.ComponentCreated}: a thread-owning component was built; its thread and stack are the event's own. */
@Name("dev.leakgate.ComponentCreated")
@Label("Component Created")
@Category("LeakGate")
@Description("A thread-owning component was built (the event's thread and stack trace are where it was built)")
@StackTrace(true)
public final class ComponentCreated extends Event {
  @Label("Kind")
  @Description("The component's kind, e.g. BatchSpanProcessor")
  String kind;

  @Label("Component Id")
  @Description("The component's id, as in LeakGate reports and its dev.leakgate.ComponentShutdown event")
  long id;

  @Label("Creating Line")
  @Description("The first frame outside the SDK, the JDK and LeakGate, e.g. com.acme.Agent.<init>(Agent.java:24)")
  String site;

  @Label("Scope")
  @Description("The innermost LeakGate scope open where it was built, if any")
  String scope;
}
