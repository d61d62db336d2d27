// A report that is not JSON: one message naming the file and the problem, no stack trace.
def log = new File(basedir, 'build.log').text

assert log.contains('on project malformed-report-fails: LeakGate: cannot read a report: ')
assert log =~ /target\/leakgate\/broken\.json: not valid JSON \(.*line 1, column \d+\)/
assert !log.contains('Exception:') && !log.contains('\tat ') && !log.contains('    at dev.leakgate')
assert log.contains('BUILD FAILURE')
true
