// The same leak as leaky-fails, allowed by maxLive=1: the gate saw it and passed.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

assert log.contains('1. BatchSpanProcessor       live 1      created 1      sample.Telemetry.newProcessor(Telemetry.java:15)')
assert log.contains('gate: PASSED')
assert !log.contains('FAIL ')
assert log.contains('BUILD SUCCESS')
['leakgate.html', 'leakgate.sarif', 'TEST-leakgate.xml'].each { assert new File(folder, it).isFile() : "$it written" }
assert !new File(folder, 'TEST-leakgate.xml').text.contains('<failure')
true
