package compare.jupiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import compare.app.LoopbackServer;
import compare.app.Shapes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fifteen shapes as JUnit 5 tests; the twins below decide whether LeakGate checks them. */
abstract class JupiterShapes {
  private static LoopbackServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = LoopbackServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test void poolNeverShutDown() throws Exception { assertEquals(42, Shapes.poolNeverShutDown()); }
  @Test void schedulerInApplicationClass() { Shapes.schedulerInApplicationClass(); }
  @Test void timerNeverCancelled() throws Exception { Shapes.timerNeverCancelled(); }
  @Test void forkJoinPoolNeverShutDown() { assertEquals(499_500L, Shapes.forkJoinPoolNeverShutDown()); }
  @Test void httpClientPerCall() throws Exception { assertEquals(200, Shapes.httpClientPerCall(server.uri())); }
  @Test void threadLeftRunning() throws Exception { Shapes.threadLeftRunning(); }
  @Test void batchSpanProcessorNeverShutDown() { Shapes.batchSpanProcessorNeverShutDown(); }

  @Test void poolShutDownAndAwaited() throws Exception { assertEquals(42, Shapes.poolShutDownAndAwaited()); }
  @Test void staticPoolStartsWorkersLazily() throws Exception { assertEquals(42, Shapes.staticPoolStartsWorkersLazily()); }
  @Test void commonPoolSupplyAsync() { assertEquals(42, Shapes.commonPoolSupplyAsync()); }
  @Test void commonPoolParallelStream() { assertEquals(4_999_950_000L, Shapes.commonPoolParallelStream()); }
  @Test void timerCancelled() throws Exception { Shapes.timerCancelled(); }
  @Test void threadJoined() throws Exception { Shapes.threadJoined(); }
  @Test void sdkInStaticField() { Shapes.sdkInStaticField(); }
  @Test void httpClientInStaticField() throws Exception { assertEquals(200, Shapes.httpClientInStaticField(server.uri())); }
}
