package org.nrmplatform.shared.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where Docker can start containers; elsewhere the class is skipped and the
 * reason printed, so a run without Docker says what it did not check.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why;
            try {
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    return ConditionEvaluationResult.enabled("Docker is available");
                }
                why = "no Docker environment was found";
            } catch (RuntimeException e) {
                why = e.getMessage();
            }
            String reason = "Docker is not available (" + why + "): " + context.getDisplayName()
                    + " skipped";
            System.out.println("SKIPPED " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
