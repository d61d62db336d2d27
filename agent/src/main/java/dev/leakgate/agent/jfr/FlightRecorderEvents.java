package dev.leakgate.agent.jfr;

import dev.leakgate.agent.registry.CallSite;
import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.LifecycleListener;
import dev.leakgate.agent.registry.LifecycleListeners;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Snapshot;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * LeakGate's JDK Flight Recorder events: {@link ComponentCreated}, {@link ComponentShutdown} and the
 * periodic {@link LiveComponents}. Nothing of JFR loads until JFR itself starts in this JVM
 * ({@code -XX:StartFlightRecording}, {@code jcmd PID JFR.start}, a {@code RecordingStream}, JDK
 * Mission Control): the agent's transformer sees the JDK load the recorder's class and calls
 * {@link #flightRecorderStarting()}, which registers the events once the recorder is up. From then on
 * each creation and shutdown costs one {@code isEnabled()} check unless a recording enables the
 * events, and the periodic event runs only while one does.
 */
public final class FlightRecorderEvents implements LifecycleListener {
  /** The JDK class whose loading means Flight Recorder is starting (internal name, as a transformer sees it). */
  public static final String RECORDER_CLASS = "jdk/jfr/internal/PlatformRecorder";

  private static final AtomicBoolean STARTING = new AtomicBoolean();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private FlightRecorderEvents() {}

  /**
   * Called once Flight Recorder starts loading (also when the agent is attached to a JVM where it
   * runs). The recorder is not up yet, and its class is being loaded on this very thread: a short
   * daemon thread waits for it, registers the events, and ends.
   */
  public static void flightRecorderStarting() {
    if (!STARTING.compareAndSet(false, true)) {
      return;
    }
    try {
      Thread setup = new Thread(new AwaitRecorder(), "leakgate-jfr-setup");
      setup.setDaemon(true);
      setup.start();
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Adds the listener that registers the events when the recorder is (or once it gets) initialised. */
  private static final class AwaitRecorder implements Runnable {
    @Override
    public void run() {
      try {
        FlightRecorder.addListener(new OnInitialized());
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  private static final class OnInitialized implements FlightRecorderListener {
    @Override
    public void recorderInitialized(FlightRecorder recorder) {
      if (!REGISTERED.compareAndSet(false, true)) {
        return;
      }
      try {
        FlightRecorder.register(ComponentCreated.class);
        FlightRecorder.register(ComponentShutdown.class);
        FlightRecorder.addPeriodicEvent(LiveComponents.class, new EmitLiveComponents());
        LifecycleListeners.add(new FlightRecorderEvents());
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  @Override
  public void created(Kind kind, long id, CallSite site, String scope) {
    ComponentCreated event = new ComponentCreated();
    if (event.isEnabled()) {
      event.kind = kind.name();
      event.id = id;
      event.site = site.toString();
      event.scope = scope;
      event.commit();
    }
  }

  @Override
  public void shutdown(Kind kind, long id, CallSite site, CallSite shutdownSite) {
    ComponentShutdown event = new ComponentShutdown();
    if (event.isEnabled()) {
      event.kind = kind.name();
      event.id = id;
      event.site = site.toString();
      event.shutdownSite = shutdownSite == null ? null : shutdownSite.toString();
      event.commit();
    }
  }

  /** The periodic hook; JFR runs it only while a recording enables {@code dev.leakgate.LiveComponents}. */
  private static final class EmitLiveComponents implements Runnable {
    @Override
    public void run() {
      try {
        Snapshot snapshot = Registry.snapshot();
        for (Kind kind : Kind.values()) {
          Counts counts = snapshot.counts(kind);
          if (counts.created() == 0) {
            continue;
          }
          LiveComponents event = new LiveComponents();
          event.kind = kind.name();
          event.live = counts.live();
          event.created = counts.created();
          event.shutdown = counts.shutdown();
          event.liveThreads = counts.liveThreads();
          event.commit();
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** One line, once: the events stop, the application goes on. */
  private static void failed(Throwable t) {
    if (FAILED.compareAndSet(false, true)) {
      try {
        System.err.println("leakgate: JDK Flight Recorder events unavailable (the application is unaffected): " + t);
      } catch (Throwable ignored) {
        // never throw into the application
      }
    }
  }

  @Override
  public String toString() {
    return "FlightRecorderEvents{registered=" + REGISTERED.get() + "}";
  }
}
