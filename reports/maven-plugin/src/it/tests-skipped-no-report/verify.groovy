// No test JVM ran: one clear message that says why and how to fix it, no stack trace.
def log = new File(basedir, 'build.log').text

assert log.contains('Tests are skipped.')
assert log.contains('on project tests-skipped-no-report: LeakGate: no report in ')
assert log.contains('tests are skipped (skipTests or maven.test.skip), so no test JVM wrote a report')
assert log.contains('start it with @{argLine}')
assert log.contains('-Dleakgate.skip')
assert !log.contains('Exception:') && !log.contains('\tat ') && !log.contains('    at dev.leakgate')
assert log.contains('BUILD FAILURE')
true
