// 1. The user's test class path: LeakGate adds only its agent, itself, Awaitility (with Hamcrest) and
//    byte-buddy-agent, and the user's SDK stays 1.49.0.
def listed = new File(basedir, 'target/test-classpath.txt').readLines()
    .collect { it.trim() }
    .findAll { it ==~ /[\w.\-]+:[\w.\-]+:jar:.*/ }
    .collect { it.split(' ')[0].split(':') }
assert !listed.isEmpty() : 'dependency:list wrote the class path'
def versions = listed.collectEntries { [(it[0] + ':' + it[1]): it[3]] }
def sdk = versions.findAll { k, v -> k.startsWith('io.opentelemetry:') }
assert sdk['io.opentelemetry:opentelemetry-sdk'] == '1.49.0' : "the user's SDK version is kept: $sdk"
assert sdk.values().every { it == '1.49.0' } : "every OpenTelemetry jar is the user's 1.49.0: $sdk"
def usersOwn = { String k -> k.startsWith('io.opentelemetry:') || k.startsWith('org.junit') || k.startsWith('org.opentest4j:') || k.startsWith('org.apiguardian:') }
def added = versions.keySet().findAll { !usersOwn(it) } as Set
assert added == ['dev.leakgate:leakgate-junit', 'dev.leakgate:leakgate-agent', 'org.awaitility:awaitility',
                 'org.hamcrest:hamcrest', 'net.bytebuddy:byte-buddy-agent'] as Set : "LeakGate added exactly these: $added"
def junitVersions = versions.findAll { k, v -> k.startsWith('org.junit.jupiter:') }.values() as Set
assert junitVersions == ['5.14.4'] as Set : "the user's JUnit is kept: $junitVersions"

// 2. This project is the README's two sections, word for word: every xml and java block in them is
//    in this project's pom or test (indentation aside).
def readme = new File(readmePath).text
def section = { String title ->
  def start = readme.indexOf('\n## ' + title + '\n')
  assert start >= 0 : "README has a section '$title'"
  def end = readme.indexOf('\n## ', start + 1)
  readme.substring(start, end < 0 ? readme.length() : end)
}
def normal = { String text -> text.readLines().collect { it.trim() }.findAll { it }.join('\n') }
def project = normal(new File(basedir, 'pom.xml').text) + '\n' + normal(new File(basedir, 'src/test/java/com/acme/HandlerTest.java').text)
def blocks = []
['In JUnit 5 tests', 'In a Maven build'].each { title ->
  (section(title) =~ /(?s)```(xml|java)\n(.*?)```/).each { all, lang, body -> blocks << normal(body) }
}
assert blocks.size() >= 3 : "the README sections hold the dependency, the test and the plugin: ${blocks.size()} blocks"
blocks.each { block -> assert project.contains(block) : "README block not followed word for word:\n$block" }

// 3. It works: the leaky handler's test fails naming the line, the fixed one passes, and the gate
//    fails the build on the processors the leaky test left, naming the same line.
def log = new File(basedir, 'build.log').text
assert log.contains('LeakGate: argLine set to -javaagent:')
assert log.contains('Tests run: 2, Failures: 1, Errors: 0') : 'HandlerTest fails, OnceHandlerTest passes'
def report = new File(basedir, 'target/surefire-reports/TEST-com.acme.HandlerTest.xml').text
assert report.contains('LeakGate: ') && report.contains('BatchSpanProcessor')
assert report.contains('com.acme.Handler.handle(Handler.java:16)') : 'the test failure names the creating line'
assert new File(basedir, 'target/surefire-reports/TEST-com.acme.OnceHandlerTest.xml').text.contains('failures="0"')
assert log.contains('gate (default) on project shop: LeakGate: the gate failed')
assert log.contains('created at com.acme.Handler.handle(Handler.java:16)') : 'the gate names the creating line'
assert !log.contains('Cannot find annotation method') : 'compiling against leakgate-junit prints no warning'

// 4. A user reading a signature needs no javap: the sources jar has the API's sources and the report
//    model's (shaded into the jar), the Javadoc jar documents both and leaves the internal packages out.
def entries = { String classifier ->
  def jar = new File(basedir, "target/user-jars/leakgate-junit-0.1.0-SNAPSHOT-${classifier}.jar")
  assert jar.isFile() : "the $classifier jar resolved from the repository: $jar"
  def zip = new java.util.zip.ZipFile(jar)
  try { zip.entries().collect { it.name } as Set } finally { zip.close() }
}
def sources = entries('sources')
['dev/leakgate/junit/LeakCheck.java', 'dev/leakgate/junit/LeakMeter.java', 'dev/leakgate/junit/GrowthResult.java',
 'dev/leakgate/junit/LeakAssertions.java', 'dev/leakgate/reports/model/Status.java', 'dev/leakgate/reports/model/Report.java'].each {
  assert sources.contains(it) : "the sources jar has $it"
}
def javadoc = entries('javadoc')
['dev/leakgate/junit/LeakCheck.html', 'dev/leakgate/junit/LeakMeter.html', 'dev/leakgate/junit/LeakMeter.Request.html',
 'dev/leakgate/junit/LeakCheckExtension.html', 'dev/leakgate/reports/model/Status.html', 'dev/leakgate/reports/model/Report.html'].each {
  assert javadoc.contains(it) : "the Javadoc jar has $it"
}
assert !javadoc.any { it.startsWith('dev/leakgate/internal/') } : 'the internal packages are not documented as API'
true
