// Surefire's JVM and Failsafe's JVM each wrote a report; the gate merged them and failed on the
// processor the integration test left, naming its line.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : 'the unit test and the integration test pass themselves'
assert log.contains('Running sample.LeakyIT') : 'Failsafe ran the integration test'
def reports = folder.listFiles().findAll { it.name ==~ /leakgate-\d+-\d+\.json/ }
assert reports.size() == 2 : "one report from Surefire's JVM, one from Failsafe's: ${folder.list()}"
assert log =~ /-\s+BatchSpanProcessor\s+-\s+2\s+1\s+1\s/ : 'merged: created 2, shut down 1, live 1'
assert log.contains('gate (default) on project failsafe-leak-fails: LeakGate: the gate failed (1 failure)')
assert log.contains('MAX_LIVE: BatchSpanProcessor: 1 live, more than maxLive 0, created at sample.Telemetry.newProcessor(Telemetry.java:15)')
true
