package org.nrmplatform.contracts.cases;

public enum IdentificationOutcome { IDENTIFIED, NOT_IDENTIFIED }
