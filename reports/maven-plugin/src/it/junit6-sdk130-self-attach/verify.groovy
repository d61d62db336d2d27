// leakgate-junit on its own: the extension attached the agent (said once), the leaky class failed
// naming the line that builds the reader, the fixed class passed, although they ran in parallel.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/surefire-reports')
def leaky = new File(reports, 'TEST-com.acme.OrdersTest.xml').text
def fixed = new File(reports, 'TEST-com.acme.SharedOrdersTest.xml').text

assert log.contains('Tests run: 2, Failures: 1, Errors: 0') : 'OrdersTest fails, SharedOrdersTest passes'
assert leaky.contains('failures="1"')
assert leaky.contains('PeriodicMetricReader') && leaky.contains('com.acme.Orders.place(Orders.java:17)') : 'the failure names the creating line'
assert fixed.contains('failures="0"') && fixed.contains('errors="0"')
assert !fixed.contains('com.acme.Orders.place') : "the leaky class's components are not blamed on the fixed one"
def said = (log + leaky + fixed).findAll('LeakGate: attached the agent to this JVM').size()
assert said >= 1 : 'the extension says it attached the agent'
assert !log.contains('Cannot find annotation method')
true
