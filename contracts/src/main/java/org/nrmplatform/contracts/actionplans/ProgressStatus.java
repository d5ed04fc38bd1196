package org.nrmplatform.contracts.actionplans;

/** How an activity or an indicator stands in a period's progress report. */
public enum ProgressStatus {
    ON_TRACK, DELAYED, AT_RISK
}
