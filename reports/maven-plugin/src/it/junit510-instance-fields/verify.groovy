// JUnit 5.10 gives the extension the class's context while it builds a test instance: the scope
// made then is adopted by the test that follows, so the field's leak fails that test, and the
// enclosing instance built for a @Nested test fails the nested test; the closed twin passes.
def log = new File(basedir, 'build.log').text
def failure = 'LeakGate: the test left 1 BatchSpanProcessor live created at com.acme.Checkout.<init>(Checkout.java:10)'

assert log.contains('Tests run: 4, Failures: 2, Errors: 0') : 'two of the four tests fail'
assert log.find(/(?s)CheckoutTest\.addsPrices .{0,120}FAILURE!\s+\S+: \Q${failure}\E/) : 'the leaky test fails naming the line'
assert log.find(/(?s)CheckoutTest\.addsNothing .{0,120}FAILURE!\s+\S+: \Q${failure}\E/) : 'the nested test fails naming the line'
assert !log.contains('ClosedCheckoutTest.addsPrices') && !log.contains('ClosedCheckoutTest.addsNothing') : 'the closed twin passes'
true
