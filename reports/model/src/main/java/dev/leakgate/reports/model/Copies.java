package dev.leakgate.reports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-safe immutable copies for the records: absent collections read as empty. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Keeps the insertion order (the JSON order), unlike {@link Map#copyOf}. */
  static <K, V> Map<K, V> map(Map<K, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    Map<K, V> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (key == null || value == null) {
            throw new IllegalArgumentException("null key or value in " + map);
          }
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  static long requireCount(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }
}
