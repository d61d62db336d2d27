package dev.leakgate.agent.registry;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak map key that compares its referent by identity (never by the object's own equals or
 * hashCode, which may be costly, throw, or change): for components and for handed-off tasks.
 */
final class WeakIdentityKey extends WeakReference<Object> {
  private final int hash;

  /** A key to store (with {@code queue}, to learn when the referent is gone) or to look up (null queue). */
  WeakIdentityKey(Object referent, ReferenceQueue<Object> queue) {
    super(referent, queue);
    this.hash = System.identityHashCode(referent);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WeakIdentityKey)) {
      return false;
    }
    Object mine = get();
    return mine != null && mine == ((WeakIdentityKey) o).get();
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
