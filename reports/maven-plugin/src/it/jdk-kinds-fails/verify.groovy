// Each leaking test failed naming its kind, its line and what to do; each twin passed; the gate
// failed the build on the same three lines.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')
def lineOf = { String marker ->
  new File(basedir, 'src/main/java/com/acme/Orders.java').readLines().findIndexOf { it.endsWith('// ' + marker) } + 1
}
def pool = "com.acme.Orders.place(Orders.java:${lineOf('POOL')})"
def timer = "com.acme.Orders.remind(Orders.java:${lineOf('TIMER')})"
def thread = "com.acme.Orders.audit(Orders.java:${lineOf('THREAD')})"

assert log.contains('Tests run: 6, Failures: 3, Errors: 0') : 'the three leaking tests fail, their twins pass'
def tests = new File(basedir, 'target/surefire-reports/TEST-com.acme.OrdersTest.xml').text
assert tests.contains("LeakGate: the test left 1 ThreadPoolExecutor live created at $pool; shut the pool down (shutdown/close) or build it once")
assert tests.contains("LeakGate: the test left 1 Timer live created at $timer; cancel the timer or build it once")
assert tests.contains("LeakGate: the test left 1 Thread live created at $thread; end the thread (join it) before the test or request ends")

assert log.contains('FAIL MAX_LIVE: ThreadPoolExecutor: 1 live, more than maxLive 0')
assert log.contains('FAIL MAX_LIVE: Timer: 1 live, more than maxLive 0')
assert log.contains('FAIL MAX_LIVE: Thread: 1 live, more than maxLive 0')
assert log.contains('gate (default) on project jdk-kinds-fails: LeakGate: the gate failed (3 failures)')
assert log.contains("MAX_LIVE: ThreadPoolExecutor: 1 live, more than maxLive 0, created at $pool")
assert log.contains("MAX_LIVE: Timer: 1 live, more than maxLive 0, created at $timer")
assert log.contains("MAX_LIVE: Thread: 1 live, more than maxLive 0, created at $thread")
assert log.contains('shut the pool down (shutdown/close) or build it once; cancel the timer or build it once')
def sarif = new File(folder, 'leakgate.sarif').text
assert sarif.contains('src/main/java/com/acme/Orders.java')
true
