package org.nrmplatform.referralservice.tasks;

/** Where a task stands: open until it is done or cancelled. */
public enum TaskStatus {
    OPEN,
    DONE,
    CANCELLED
}
