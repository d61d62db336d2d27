package dev.leakgate.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a subject class (a {@code *Case}) that only {@link TestKit} runs: its tests leak on purpose,
 * so when Surefire or Failsafe select them by a wide pattern they are skipped, not failed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RunByTestKitOnly.Condition.class)
@interface RunByTestKitOnly {

  /** Enabled only when {@link TestKit} set its configuration parameter. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(TestKit.RUN_CASES).isPresent()
          ? ConditionEvaluationResult.enabled("run by the EngineTestKit")
          : ConditionEvaluationResult.disabled("a subject of the LeakCheck tests, leaks on purpose");
    }
  }
}
