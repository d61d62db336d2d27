package dev.leakgate.agent.registry;

/**
 * Tells the listeners about creations and shutdowns. The listeners themselves are kept in
 * {@link RecordingSettings#listeners}, which premain loads anyway: until one is added, the registry
 * reads that one volatile field per creation or shutdown, and this class never loads.
 */
public final class LifecycleListeners {
  private LifecycleListeners() {}

  /** Adds a listener; it hears of every creation and shutdown from now on. */
  public static void add(LifecycleListener listener) {
    synchronized (RecordingSettings.class) {
      LifecycleListener[] now = RecordingSettings.listeners;
      int n = now == null ? 0 : now.length;
      LifecycleListener[] next = new LifecycleListener[n + 1];
      if (now != null) {
        System.arraycopy(now, 0, next, 0, n);
      }
      next[n] = listener;
      RecordingSettings.listeners = next;
    }
  }

  static void created(Kind kind, long id, CallSite site, String scope) {
    LifecycleListener[] all = RecordingSettings.listeners;
    if (all == null) {
      return;
    }
    for (LifecycleListener l : all) {
      try {
        l.created(kind, id, site, scope);
      } catch (Throwable t) {
        Registry.failed(t);
      }
    }
  }

  static void shutdown(Kind kind, long id, CallSite site, CallSite shutdownSite) {
    LifecycleListener[] all = RecordingSettings.listeners;
    if (all == null) {
      return;
    }
    for (LifecycleListener l : all) {
      try {
        l.shutdown(kind, id, site, shutdownSite);
      } catch (Throwable t) {
        Registry.failed(t);
      }
    }
  }
}
