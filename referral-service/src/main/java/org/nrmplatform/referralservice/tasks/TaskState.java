package org.nrmplatform.referralservice.tasks;

import java.util.UUID;

/** What a write on a task answers: the task, its resulting status and its version. */
public record TaskState(UUID taskId, TaskStatus status, long version) {
}
