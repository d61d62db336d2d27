package dev.leakgate.junit;

import dev.leakgate.internal.probe.AgentInstaller;
import dev.leakgate.internal.probe.ProbeException;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
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
 * The JUnit 5 extension behind {@link LeakCheck}. Around each test it opens a LeakGate scope named
 * after the test, lets counts settle afterwards, and fails the test when it left components live.
 * Resolves {@link LeakMeter} parameters. Keeps its state in the {@link ExtensionContext.Store},
 * so tests may run in parallel. Attaches the agent to this JVM when -javaagent is absent.
 */
public final class LeakCheckExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(LeakCheck.class);
  private static final String TEST_SCOPE = "testScope";
  private static final String AGENT = "agent";

  @Override
  public void beforeEach(ExtensionContext context) {
    LeakCheckSettings settings = LeakCheckSettings.resolve(context);
    installTheAgentOncePerRun(context);
    context.getStore(NAMESPACE).put(TEST_SCOPE, TestScope.open(scopeName(context), settings));
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
    TestScope scope = context.getStore(NAMESPACE).remove(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      return; // beforeEach failed: that failure is the test's
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

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == LeakMeter.class && extensionContext.getTestMethod().isPresent();
  }

  @Override
  public LeakMeter resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    TestScope scope = extensionContext.getStore(NAMESPACE).get(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      throw new ParameterResolutionException("LeakGate: a LeakMeter measures inside a test: annotate the test or its class with @LeakCheck");
    }
    return new LeakMeter(scope);
  }

  private static void proceedInTestScope(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    TestScope scope = context.getStore(NAMESPACE).get(TEST_SCOPE, TestScope.class);
    if (scope == null) {
      invocation.proceed();
    } else {
      scope.proceedInScope(invocation);
    }
  }

  /** The test's unique id: unique across classes, methods, repetitions and parameters. */
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
}
