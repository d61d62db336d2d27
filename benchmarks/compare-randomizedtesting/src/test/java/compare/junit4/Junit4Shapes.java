package compare.junit4;

import static org.junit.Assert.assertEquals;

import compare.app.LoopbackServer;
import compare.app.Shapes;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The fifteen shapes as JUnit 4 tests; the twins below decide which runner checks them. */
public abstract class Junit4Shapes {
  private static LoopbackServer server;

  @BeforeClass
  public static void startServer() throws Exception {
    server = LoopbackServer.start();
  }

  @AfterClass
  public static void stopServer() {
    server.close();
  }

  @Test public void poolNeverShutDown() throws Exception { assertEquals(42, Shapes.poolNeverShutDown()); }
  @Test public void schedulerInApplicationClass() { Shapes.schedulerInApplicationClass(); }
  @Test public void timerNeverCancelled() throws Exception { Shapes.timerNeverCancelled(); }
  @Test public void forkJoinPoolNeverShutDown() { assertEquals(499_500L, Shapes.forkJoinPoolNeverShutDown()); }
  @Test public void httpClientPerCall() throws Exception { assertEquals(200, Shapes.httpClientPerCall(server.uri())); }
  @Test public void threadLeftRunning() throws Exception { Shapes.threadLeftRunning(); }
  @Test public void batchSpanProcessorNeverShutDown() { Shapes.batchSpanProcessorNeverShutDown(); }

  @Test public void poolShutDownAndAwaited() throws Exception { assertEquals(42, Shapes.poolShutDownAndAwaited()); }
  @Test public void staticPoolStartsWorkersLazily() throws Exception { assertEquals(42, Shapes.staticPoolStartsWorkersLazily()); }
  @Test public void commonPoolSupplyAsync() { assertEquals(42, Shapes.commonPoolSupplyAsync()); }
  @Test public void commonPoolParallelStream() { assertEquals(4_999_950_000L, Shapes.commonPoolParallelStream()); }
  @Test public void timerCancelled() throws Exception { Shapes.timerCancelled(); }
  @Test public void threadJoined() throws Exception { Shapes.threadJoined(); }
  @Test public void sdkInStaticField() { Shapes.sdkInStaticField(); }
  @Test public void httpClientInStaticField() throws Exception { assertEquals(200, Shapes.httpClientInStaticField(server.uri())); }
}
