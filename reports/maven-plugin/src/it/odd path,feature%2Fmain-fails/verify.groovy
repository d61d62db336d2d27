// A space, a comma and %2F in the project's path reach the agent intact: the report is under target/.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

assert basedir.name.contains(',') && basedir.name.contains('%2F') && basedir.name.contains(' ')
assert !log.contains('leakgate: ') : 'the agent printed no problem with its options'
def reports = folder.listFiles().findAll { it.name ==~ /leakgate-\d+-\d+\.json/ }
assert reports.size() == 1 : "one test JVM, one report under target/leakgate: ${folder.list()}"
def besides = basedir.parentFile.list().findAll { it != basedir.name && basedir.name.startsWith(it.take(4)) }
assert besides.isEmpty() : "nothing written beside the project: $besides"
assert log.contains('gate (default) on project odd-path-fails: LeakGate: the gate failed (1 failure)')
assert log.contains('created at sample.Telemetry.newProcessor(Telemetry.java:15)')
assert !log.contains('prepare-agent did not run')
true
