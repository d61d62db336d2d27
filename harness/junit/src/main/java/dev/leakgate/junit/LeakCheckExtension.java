package dev.leakgate.junit;

import dev.leakgate.internal.probe.AgentInstaller;
import dev.leakgate.internal.probe.ProbeException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit extension behind {@link LeakCheck}. Each test gets a LeakGate scope named after it, open
 * from the construction of its test instance (field initialisers) through its last {@code @AfterEach}
 * method; afterwards its counts settle and the test fails when it left components live. Each test
 * class gets a scope too, for what its constructor ({@code @TestInstance(PER_CLASS)}) and its
 * {@code @BeforeAll}/{@code @AfterAll} methods build, checked after {@code @AfterAll}. Resolves
 * {@link LeakMeter} parameters. Keeps its state in the {@link ExtensionContext.Store}, so tests may run
 * in parallel. Attaches the agent to this JVM when -javaagent is absent.
 *
 * <p>Needs JUnit Jupiter 5.5 or later; from 5.12 on it asks JUnit for the test method's context while
 * the test instance is built, so the scope is named after the test from the start.
 */
public final class LeakCheckExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(LeakCheck.class);
  private static final String TEST_SCOPE = "testScope";
  private static final String CLASS_SCOPE = "classScope";
  private static final String AGENT = "agent";
  /**
   * A test instance built before JUnit said which test it is for (JUnit before 5.12 passes the class's
   * context to the constructor's interceptor): the next test starting on this thread takes its scope.
   */
  private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

  /** Creates the extension; JUnit does, through {@link LeakCheck}. */
  public LeakCheckExtension() {}

  /**
   * Asks JUnit (5.12 and later) for the test method's context while the test instance is built, so the
   * instance's scope is the test's from the start. Older JUnit never calls it, and the class still
   * loads there: the JVM resolves the type it returns only when it runs.
   */
  @Override
  public org.junit.jupiter.api.extension.TestInstantiationAwareExtension.ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return org.junit.jupiter.api.extension.TestInstantiationAwareExtension.ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public <T> T interceptTestClassConstructor(Invocation<T> invocation, ReflectiveInvocationContext<Constructor<T>> invocationContext,
      ExtensionContext context) throws Throwable {
    installTheAgentOncePerRun(context);
    TestScope scope;
    if (context.getTestMethod().isPresent()) {
      scope = testScope(context); // the test's own context (JUnit 5.12+): its scope from the start
    } else if (context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD) == TestInstance.Lifecycle.PER_CLASS) {
      scope = classScope(context); // one instance for the whole class: what its fields build is the class's
    } else {
      // the class's context for a per-test instance (JUnit before 5.12): the next test on this thread
      // adopts the scope; the instances of a @Nested test's enclosing classes, built first, share it
      Pending pending = PENDING.get();
      Class<?> testClass = context.getRequiredTestClass();
      if (pending != null && pending.testClass == testClass.getEnclosingClass()) {
        scope = pending.scope;
      } else {
        scope = TestScope.forTest(scopeName(context) + " (test instance)", LeakCheckSettings.resolve(context));
      }
      PENDING.set(new Pending(testClass, scope));
    }
    return scope.proceedInScope(invocation);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    installTheAgentOncePerRun(context);
    classScope(context);
  }

  @Override
  public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    proceedInClassScope(invocation, context);
  }

  @Override
  public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    proceedInClassScope(invocation, context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    installTheAgentOncePerRun(context);
    testScope(context).begin();
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    proceedInTestScope(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    proceedInTestScope(invocation, context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    check(context.getStore(NAMESPACE).remove(TEST_SCOPE, TestScope.class));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    check(context.getStore(NAMESPACE).remove(CLASS_SCOPE, TestScope.class));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LeakMeter.class
        && parameterContext.getDeclaringExecutable() instanceof Method && extensionContext.getTestMethod().isPresent();
  }

  @Override
  public LeakMeter resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    TestScope scope = extensionContext.getStore(NAMESPACE).get(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      throw new ParameterResolutionException("LeakGate: a LeakMeter measures inside a test: annotate the test or its class with @LeakCheck");
    }
    return new LeakMeter(scope);
  }

  /** Settles {@code scope} (null: its opening failed, and that failure is reported already) and fails when it leaked. */
  private static void check(TestScope scope) {
    if (scope == null) {
      return;
    }
    Optional<String> failure;
    try {
      failure = scope.verdict();
    } catch (ProbeException e) {
      throw new AssertionFailedError("LeakGate: " + e.getMessage(), e);
    } finally {
      scope.close();
    }
    if (failure.isPresent()) {
      throw new AssertionFailedError(failure.get());
    }
  }

  /** The scope of the test of {@code context}, made when its instance was built or now. */
  private static TestScope testScope(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestScope scope = store.get(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      scope = adoptPending(context);
      if (scope == null) {
        scope = TestScope.forTest(scopeName(context), LeakCheckSettings.resolve(context));
      }
      store.put(TEST_SCOPE, scope);
    }
    return scope;
  }

  /** The scope of an instance built on this thread for this test's class, renamed after the test; or null. */
  private static TestScope adoptPending(ExtensionContext context) {
    Pending pending = PENDING.get();
    PENDING.remove();
    if (pending == null || pending.testClass != context.getRequiredTestClass()) {
      return null;
    }
    pending.scope.rename(scopeName(context));
    return pending.scope;
  }

  /** The scope of the test class of {@code context} (a class context), made now if it does not exist yet. */
  private static TestScope classScope(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(CLASS_SCOPE,
        key -> TestScope.forClass(scopeName(context), LeakCheckSettings.resolve(context)), TestScope.class);
  }

  private static void proceedInTestScope(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    TestScope scope = context.getStore(NAMESPACE).get(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      invocation.proceed();
    } else {
      scope.proceedInScope(invocation);
    }
  }

  private static void proceedInClassScope(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    TestScope scope = context.getStore(NAMESPACE).get(CLASS_SCOPE, TestScope.class);
    if (scope == null) {
      invocation.proceed();
    } else {
      scope.proceedInScope(invocation);
    }
  }

  /** The test's (or class's) unique id: unique across classes, methods, repetitions and parameters. */
  private static String scopeName(ExtensionContext context) {
    return "junit:" + context.getUniqueId();
  }

  private static void installTheAgentOncePerRun(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(AGENT, key -> attachUnlessAlreadyRunning(), Boolean.class);
  }

  /** Says so once per JVM when it attached: the user may prefer -javaagent (faster, sees start-up). */
  private static boolean attachUnlessAlreadyRunning() {
    boolean attached;
    try {
      attached = AgentInstaller.ensureInstalled();
    } catch (ProbeException e) {
      throw new ExtensionConfigurationException("LeakGate: " + e.getMessage(), e);
    }
    if (attached) {
      System.err.println("LeakGate: attached the agent to this JVM; add -javaagent:" + AgentInstaller.agentJar()
          + " to Surefire's argLine to skip the attach");
    }
    return attached;
  }

  /** A scope made for a test instance before JUnit said which test it is for. */
  private static final class Pending {
    final Class<?> testClass;
    final TestScope scope;

    Pending(Class<?> testClass, TestScope scope) {
      this.testClass = testClass;
      this.scope = scope;
    }
  }
}
