package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.IsolatedWorkload;
import dev.leakgate.it.support.SourceLines;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.SiteSnapshot;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An SDK loaded by an isolated, child-first class loader (fat jars, app servers) is still counted. */
class IsolatedLoaderIT {

  @Test
  void componentsOfAnSdkInAChildFirstLoaderAreCounted() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of(System.getProperty("leakgate.test.classes")).toUri().toURL());
    for (File jar : Path.of(System.getProperty("leakgate.otel.current")).toFile().listFiles((d, n) -> n.endsWith(".jar"))) {
      urls.add(jar.toURI().toURL());
    }
    try (ChildFirstLoader loader = new ChildFirstLoader(urls.toArray(new URL[0]))) {
      Class<?> workload = loader.loadClass(IsolatedWorkload.class.getName());
      assertThat(workload.getClassLoader()).isSameAs(loader);
      assertThat(loader.loadClass("io.opentelemetry.sdk.trace.export.BatchSpanProcessor").getClassLoader()).isSameAs(loader);

      ((Runnable) workload.getDeclaredConstructor().newInstance()).run();
    }

    int kept = SourceLines.lineOf(IsolatedWorkload.class, "ISOLATED-KEPT");
    int tidy = SourceLines.lineOf(IsolatedWorkload.class, "ISOLATED-TIDY");
    SiteSnapshot keptSite = site(kept);
    SiteSnapshot tidySite = site(tidy);
    assertThat(keptSite.counts().created()).isEqualTo(1);
    assertThat(keptSite.counts().live()).isEqualTo(1);
    assertThat(tidySite.counts().created()).isEqualTo(1);
    assertThat(tidySite.counts().shutdown()).isEqualTo(1);
  }

  private static SiteSnapshot site(int line) {
    return Registry.snapshot().sites().stream()
        .filter(s -> s.site().className().equals(IsolatedWorkload.class.getName()) && s.site().line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no site at IsolatedWorkload line " + line + " in " + Registry.snapshot().sites()));
  }

  /** Looks in its own jars first, then in the platform loader: the application loader is never asked. */
  static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL[] urls) {
      super("isolated", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
