// The gate, not a test, failed the build, and it named the line that built the processor.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

assert log.contains('Tests run: 1, Failures: 0, Errors: 0') : 'the test itself passes'
assert log.contains('LeakGate: argLine set to -javaagent:') : 'prepare-agent set argLine'
def reports = folder.listFiles().findAll { it.name ==~ /leakgate-\d+-\d+\.json/ }
assert reports.size() == 1 : "one test JVM, one report: ${folder.list()}"
assert log.contains('FAIL MAX_LIVE: BatchSpanProcessor: 1 live, more than maxLive 0')
assert log.contains('    at sample.Telemetry.newProcessor(Telemetry.java:15)')
assert log.contains('BUILD FAILURE')
assert log.contains('gate (default) on project leaky-fails: LeakGate: the gate failed (1 failure)')
assert log.contains('MAX_LIVE: BatchSpanProcessor: 1 live, more than maxLive 0, created at sample.Telemetry.newProcessor(Telemetry.java:15)')

['leakgate.html', 'leakgate.sarif', 'TEST-leakgate.xml'].each { assert new File(folder, it).isFile() : "$it written" }
// every output the gate writes leads with its result: the rule broken, the kind, the count, the line
assert log.indexOf('FAIL MAX_LIVE') < log.indexOf('status  kind') : 'the gate result leads the console summary'
def html = new File(folder, 'leakgate.html').text
def gate = html.indexOf('<section id="gate">')
assert gate > 0 && gate < html.indexOf('<section id="verdict">') : 'the gate leads the HTML report'
def gateSection = html.substring(gate, html.indexOf('<section id="verdict">')).replaceAll('<[^>]+>', '')
assert gateSection.contains('FAILED') && gateSection.contains('MAX_LIVE')
assert gateSection.contains('BatchSpanProcessor: 1 live, more than maxLive 0')
assert gateSection.contains('sample.Telemetry.newProcessor(Telemetry.java:15)')
def sarif = new File(folder, 'leakgate.sarif').text
assert sarif.contains('"startLine" : 15') || sarif.contains('"startLine": 15') : 'SARIF points at line 15'
assert sarif.contains('src/main/java/sample/Telemetry.java')
assert sarif =~ /"level"\s*:\s*"error"/ : 'the site that failed the gate is an error in SARIF'
assert sarif.contains('created here once')
def junit = new File(folder, 'TEST-leakgate.xml').text
def gateCase = junit.indexOf('<testcase classname="leakgate.gate" name="gate"')
assert gateCase >= 0 && gateCase == junit.indexOf('<testcase ') : 'the gate case is there, and comes first'
assert junit.contains('<failure') && junit.contains('more than maxLive 0')
true
