// leakgate-junit on its own, on JUnit 6, in parallel: the tests that leave a fork-join pool or a
// scheduler fail naming the line and what to do; their twins and the tests on shared, process-wide
// and JUnit's own pools pass.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/surefire-reports')
def leaky = new File(reports, 'TEST-com.acme.ReportsTest.xml').text
def shared = new File(reports, 'TEST-com.acme.SharedReportsTest.xml').text
def lineOf = { String marker ->
  new File(basedir, 'src/main/java/com/acme/Reports.java').readLines().findIndexOf { it.endsWith('// ' + marker) } + 1
}

assert log.contains('Tests run: 7, Failures: 2, Errors: 0') : 'two leaking tests fail, the five others pass'
assert leaky.contains('failures="2"')
assert leaky.contains("LeakGate: the test left 1 ForkJoinPool live created at com.acme.Reports.render(Reports.java:${lineOf('FORK-JOIN')}); shut the pool down (shutdown/close) or build it once")
assert leaky.contains("LeakGate: the test left 1 ThreadPoolExecutor live created at com.acme.Reports.refresh(Reports.java:${lineOf('SCHEDULER')}); shut the pool down (shutdown/close) or build it once")
assert shared.contains('failures="0"') && shared.contains('errors="0"')
assert !shared.contains('LeakGate: the test left') : "the other class's pools are not blamed on this one"
true
