// Every processor shut down: nothing live, the gate passed, and the user's argLine reached the test JVM.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

assert log =~ /LeakGate: argLine set to -Dsample\.userArgLine=kept -javaagent:\S+leakgate-agent\S+\.jar=log=quiet,report=\S+\/target\/leakgate\//
assert log.contains('Tests run: 2, Failures: 0, Errors: 0') : 'CleanTest and UserArgLineTest (which checks the kept argLine) pass'
assert log =~ /-\s+BatchSpanProcessor\s+-\s+1\s+1\s+0\s/ : 'created 1, shut down 1, live 0'
assert log.contains('gate: PASSED')
assert log.contains('BUILD SUCCESS')
['leakgate.html', 'leakgate.sarif', 'TEST-leakgate.xml'].each { assert new File(folder, it).isFile() : "$it written" }
true
