// The root and the test-fixtures module have no tests and are skipped; the module's own JVM report fails
// its build naming the line.
def log = new File(basedir, 'build.log').text

assert log.contains('LeakGate: gate skipped, multi-module-fails has no tests to gate')
assert log.contains('LeakGate: gate skipped, testkit ran no test in this build (no Surefire or Failsafe results in target/): nothing to gate')
assert new File(basedir, 'testkit/target/test-classes/sample/testkit/Processors.class').isFile() : 'the fixtures compiled'
assert log.contains('on project app: LeakGate: the gate failed (1 failure)')
assert log.contains('created at sample.Telemetry.newProcessor(Telemetry.java:15)')
assert new File(basedir, 'app/target/leakgate/leakgate.html').isFile()
assert !new File(basedir, 'target/leakgate').exists() : 'the root runs no test JVM'
assert log.contains('BUILD FAILURE')
true
