package org.nrmplatform.contracts.cases;

public enum ConsentDecision { GIVEN, WITHDRAWN }
