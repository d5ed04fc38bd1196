package org.nrmplatform.contracts.cases;

/** Whether the data subject is treated as a child (under 18, or presumed so when age is uncertain). */
public enum AgeCategory { CHILD, ADULT }
