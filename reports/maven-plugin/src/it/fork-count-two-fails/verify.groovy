// Two test JVMs wrote a report each; only one leaked, and the merged gate failed naming the line.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')

def reports = folder.listFiles().findAll { it.name ==~ /leakgate-\d+-\d+\.json/ }
assert reports.size() == 2 : "forkCount=2, one report per JVM: ${folder.list()}"
def live = reports.collect { new JsonSlurper().parse(it).components.BatchSpanProcessor.live }.sort()
assert live == [0, 1] : "the leak is in one JVM only: $live"

assert log.contains('LeakGate report (merge)')
assert log.contains('FAIL MAX_LIVE: BatchSpanProcessor: 1 live, more than maxLive 0')
assert log.contains('    at sample.Telemetry.newProcessor(Telemetry.java:15)')
assert log.contains('BUILD FAILURE')
assert log.contains('on project fork-count-two-fails: LeakGate: the gate failed (1 failure)')
assert log.contains('created at sample.Telemetry.newProcessor(Telemetry.java:15)')
['leakgate.html', 'leakgate.sarif', 'TEST-leakgate.xml'].each { assert new File(folder, it).isFile() : "$it written" }
true
