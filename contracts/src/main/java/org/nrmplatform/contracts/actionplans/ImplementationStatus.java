package org.nrmplatform.contracts.actionplans;

/** Where an activity of the plan is: as recorded with it, then as the latest progress report says. */
public enum ImplementationStatus {
    NOT_STARTED, IN_PROGRESS, COMPLETED, CANCELLED
}
