// An unknown kind is a usage error naming the parameter and listing the kinds, not a silent pass.
def log = new File(basedir, 'build.log').text

assert log.contains('on project misspelled-kind-fails: LeakGate: bad maxLive (-Dleakgate.maxLive) "BatchSpanProcesor=0": '
    + 'unknown kind "BatchSpanProcesor" (known kinds: BatchSpanProcessor, BatchLogRecordProcessor, PeriodicMetricReader, ')
assert !log.contains('gate: PASSED')
assert !log.contains('Exception:') && !log.contains('\tat ')
assert log.contains('BUILD FAILURE')
true
