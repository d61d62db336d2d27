package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of a hostile report in Debian's headless Chromium, driven over the Chrome
 * DevTools Protocol: the chart and tables render, nothing is logged as an error, no request leaves
 * the page, and the hostile names stay text.
 */
class HtmlReportInChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PROBE =
      """
      JSON.stringify({
        polylines: document.querySelectorAll('svg#chart polyline').length,
        drawnLength: Array.from(document.querySelectorAll('svg#chart polyline')).map(p => p.getTotalLength()).reduce((a, b) => a + b, 0),
        chartWidth: document.getElementById('chart') ? document.getElementById('chart').getBoundingClientRect().width : 0,
        kindRows: document.querySelectorAll('#kinds tbody tr').length,
        culpritRows: document.querySelectorAll('#culprits tbody tr').length,
        stacks: document.querySelectorAll('#culprits details').length,
        injected: document.querySelectorAll('img, script, iframe, object, embed, i, b, link').length,
        svgs: document.querySelectorAll('svg').length,
        text: document.body.textContent,
        title: document.title
      })
      """;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hostileReportRendersInertInHeadlessChromiumWithoutErrorsOrRequests(@TempDir Path dir) throws Exception {
    requireChromium();
    Path page = dir.resolve("hostile.html");
    new HtmlRenderer().write(Fixtures.report("hostile.json"), page);

    Observation seen = open(page, dir);

    assertThat(seen.page().get("polylines").asInt()).as("one line per kind").isEqualTo(2);
    assertThat(seen.page().get("drawnLength").asDouble()).isPositive();
    assertThat(seen.page().get("chartWidth").asDouble()).isPositive();
    assertThat(seen.page().get("kindRows").asInt()).isEqualTo(2);
    assertThat(seen.page().get("culpritRows").asInt()).isEqualTo(2);
    assertThat(seen.page().get("stacks").asInt()).isEqualTo(2);
    assertThat(seen.page().get("injected").asInt()).as("elements injected by hostile names").isZero();
    assertThat(seen.page().get("svgs").asInt()).as("only the chart is an SVG").isEqualTo(1);
    assertThat(seen.page().get("text").asText())
        .contains("<img src=x onerror=alert(1)>")
        .contains("</script><script>alert(2)</script>")
        .contains("com.acme.<Evil>.make(Evil.java:7)")
        .contains("<i>Kind</i>");
    assertThat(seen.page().get("title").asText()).isEqualTo("LeakGate report: \"><svg onload=alert(3)>");
    assertThat(seen.errors()).as("console errors and dialogs").isEmpty();
    assertThat(seen.requests()).as("requests other than the page itself").isEmpty();
  }

  /**
   * Walks every character of the names in the tables and notes where a line ends inside one: a site or
   * scope name may wrap after a '.', '(' or '/' only; kinds and thread names never.
   */
  private static final String BREAKS =
      """
      (() => {
        const checks = [];
        const add = (selector, site) => document.querySelectorAll(selector).forEach(e => checks.push([e, site]));
        add('#culprits tbody tr > td:nth-child(1) > code, #culprits tbody tr > td:nth-child(8) code, #gate-failures tbody td:nth-child(4) code', true);
        add('#scope-table tbody td:nth-child(1) code, #scope-table tbody td:nth-child(4) code, #instance-table tbody td:nth-child(4) code', true);
        add('#culprits tbody tr > td:nth-child(2) code, #culprits tbody tr > td:nth-child(7) code, #scope-table tbody td:nth-child(3) code', false);
        add('#instance-table tbody td:nth-child(2) code, #instance-table tbody td:nth-child(3) code, #instance-table tbody td:nth-child(6) code, #kinds tbody code', false);
        const broken = [];
        for (const [element, site] of checks) {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          let top = null, last = '';
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const box = range.getBoundingClientRect();
              if (box.width === 0 && box.height === 0) continue;
              if (top !== null && box.top > top + 2 && !(site && (last === '.' || last === '(' || last === '/'))) {
                broken.push(element.textContent + ' | broken after ' + JSON.stringify(last));
              }
              top = box.top;
              last = node.data[i];
            }
          }
        }
        return JSON.stringify({checked: checks.length, broken: broken, width: window.innerWidth});
      })()
      """;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sitesAndScopesWrapOnlyAfterADotParenthesisOrSlashAndOtherNamesNeverAt1280Pixels(@TempDir Path dir) throws Exception {
    requireChromium();
    Path page = dir.resolve("junit-exit.html");
    Report report = Fixtures.report("junit-exit.json");
    GateResult gate = new Gate(GatePolicy.defaults().withMaxLive(Map.of("BatchSpanProcessor", 0L))).check(report);
    new HtmlRenderer().write(report, gate, page);

    Observation seen = open(page, dir, BREAKS, 1280);

    assertThat(seen.page().get("width").asInt()).isEqualTo(1280);
    assertThat(seen.page().get("checked").asInt()).as("names and sites checked").isGreaterThan(100);
    assertThat(seen.page().get("broken")).as("names broken inside a token").isEmpty();
    assertThat(seen.errors()).isEmpty();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theBrowserCheckCatchesAPageThatRequestsOrLogsErrors(@TempDir Path dir) throws Exception {
    requireChromium();
    Path page = dir.resolve("unsafe.html");
    // port 9 (discard) on loopback: the request is seen before it fails, and nothing leaves the machine
    Files.writeString(page, "<!DOCTYPE html><title>unsafe</title><svg id=\"chart\"></svg>"
        + "<img src=\"http://127.0.0.1:9/pixel.png\"><script>console.error('boom')</script>");

    Observation seen = open(page, dir);

    assertThat(seen.page().get("injected").asInt()).isPositive();
    assertThat(seen.errors()).isNotEmpty();
    assertThat(seen.requests()).contains("http://127.0.0.1:9/pixel.png");
  }

  /** What the browser saw: the probe's answer, errors (console, exceptions, dialogs) and requests. */
  private record Observation(JsonNode page, List<String> errors, List<String> requests) {}

  private static Observation open(Path page, Path dir) throws Exception {
    return open(page, dir, PROBE, 0);
  }

  /** Opens {@code page} ({@code width} CSS pixels wide, 0 for Chromium's default) and evaluates {@code probe} in it. */
  private static Observation open(Path page, Path dir, String probe, int width) throws Exception {
    String pageUrl = page.toUri().toString();
    Path profile = Files.createDirectories(dir.resolve("profile"));
    ProcessBuilder builder =
        new ProcessBuilder(
                CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // keeps Chromium's singleton socket inside the test's own directory
    builder.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
    Process chromium = builder.start();
    try (DevTools devTools = DevTools.connect(devToolsUrl(chromium))) {
      String target = devTools.call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
      String session =
          devTools.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
      for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
        devTools.call(session, domain + ".enable", Map.of());
      }
      if (width > 0) {
        devTools.call(session, "Emulation.setDeviceMetricsOverride",
            Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
      }
      CompletableFuture<JsonNode> loaded = devTools.nextEvent(session, "Page.loadEventFired");
      devTools.call(session, "Page.navigate", Map.of("url", pageUrl));
      loaded.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode result =
          devTools.call(session, "Runtime.evaluate", Map.of("expression", probe, "returnByValue", true));
      JsonNode seen = JSON.readTree(result.at("/result/value").asText());
      List<JsonNode> events = devTools.events(session);
      List<String> errors =
          events.stream().filter(HtmlReportInChromiumTest::isError).map(JsonNode::toString).toList();
      List<String> requests =
          events.stream()
              .filter(e -> e.get("method").asText().equals("Network.requestWillBeSent"))
              .map(e -> e.at("/params/request/url").asText())
              .filter(url -> !url.equals(pageUrl))
              .toList();
      return new Observation(seen, errors, requests);
    } finally {
      stop(chromium);
    }
  }

  private static boolean isError(JsonNode event) {
    return switch (event.get("method").asText()) {
      case "Runtime.exceptionThrown" -> true;
      case "Runtime.consoleAPICalled" -> List.of("error", "assert").contains(event.at("/params/type").asText());
      case "Log.entryAdded" -> event.at("/params/entry/level").asText().equals("error");
      case "Page.javascriptDialogOpening" -> true;
      default -> false;
    };
  }

  private static void requireChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(CHROMIUM + " is missing: .ci/run installs Debian's chromium package before mvn verify");
    }
    assumeTrue(false, CHROMIUM + " is missing: apt-get install -y chromium (or run .ci/run) to run this test");
  }

  /** Reads Chromium's stderr until it prints its DevTools address; keeps draining it afterwards. */
  private static String devToolsUrl(Process chromium) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  int at = line.indexOf("ws://");
                  if (line.startsWith("DevTools listening on ") && at >= 0) {
                    url.complete(line.substring(at).trim());
                  }
                }
              } catch (Exception ignored) {
                // the process ended; the timeout below reports it
              }
              url.completeExceptionally(new IllegalStateException("chromium exited: " + log));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    return url.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void stop(Process chromium) throws InterruptedException {
    List<ProcessHandle> children = chromium.descendants().toList();
    chromium.destroy();
    if (!chromium.waitFor(5, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      chromium.waitFor(5, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** A minimal Chrome DevTools Protocol client over one WebSocket, with flattened sessions. */
  private static final class DevTools implements WebSocket.Listener, AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private record Waiter(String session, String method, CompletableFuture<JsonNode> future) {}

    static DevTools connect(String url) throws Exception {
      DevTools devTools = new DevTools();
      devTools.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(STEP_TIMEOUT)
              .buildAsync(URI.create(url), devTools)
              .get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return devTools;
    }

    JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
      int id = ids.incrementAndGet();
      ObjectNode message = JSON.createObjectNode();
      message.put("id", id);
      message.put("method", method);
      message.set("params", JSON.valueToTree(params));
      if (session != null) {
        message.put("sessionId", session);
      }
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      pending.put(id, answer);
      socket.sendText(JSON.writeValueAsString(message), true).get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode response = answer.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (response.has("error")) {
        throw new IllegalStateException(method + " failed: " + response.get("error"));
      }
      return response.get("result");
    }

    CompletableFuture<JsonNode> nextEvent(String session, String method) {
      CompletableFuture<JsonNode> future = new CompletableFuture<>();
      waiters.add(new Waiter(session, method, future));
      return future;
    }

    List<JsonNode> events(String session) {
      return events.stream().filter(e -> session.equals(e.path("sessionId").asText(null))).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          } else {
            events.add(message);
            for (Waiter waiter : waiters) {
              if (waiter.method().equals(message.path("method").asText())
                  && waiter.session().equals(message.path("sessionId").asText(null))) {
                waiter.future().complete(message);
              }
            }
          }
        } catch (Exception e) {
          pending.values().forEach(answer -> answer.completeExceptionally(e));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      if (socket != null) {
        socket.abort();
      }
    }
  }
}
