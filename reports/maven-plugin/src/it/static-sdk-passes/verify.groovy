// The SDK and the pool built once in static fields are process-wide: the tests pass, the gate passes,
// and the report lists them apart with why, never in the counts the gate reads.
def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'target/leakgate')
def lineOf = { String marker ->
  new File(basedir, 'src/main/java/com/acme/FixedHandler.java').readLines().findIndexOf { it.contains(marker) } + 1
}

assert log.contains('Tests run: 2, Failures: 0, Errors: 0') : 'the tests pass'
assert log.contains('gate: PASSED')
assert !log.contains('MAX_LIVE')
assert log.contains('BUILD SUCCESS')
def reports = folder.listFiles().findAll { it.name ==~ /leakgate-\d+-\d+\.json/ }
assert reports.size() == 1 : "one test JVM, one report: ${folder.list()}"
def json = new groovy.json.JsonSlurper().parse(reports[0])
assert !json.components.containsKey('BatchSpanProcessor') : "process-wide components are not counted: ${json.components}"
assert !json.components.containsKey('ThreadPoolExecutor') : "process-wide components are not counted: ${json.components}"
def processWide = json.processWide.collect { "${it.kind} ${it.reason} ${it.site}".toString() }
assert processWide.contains("BatchSpanProcessor static-initialiser com.acme.FixedHandler.<clinit>(FixedHandler.java:${lineOf('STATIC-SDK')})".toString()) : processWide
assert processWide.contains("ThreadPoolExecutor static-initialiser com.acme.FixedHandler.<clinit>(FixedHandler.java:${lineOf('STATIC-POOL')})".toString()) : processWide
assert new File(folder, 'leakgate.html').text.contains('Process-wide components')
true
