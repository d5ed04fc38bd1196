package org.nrmplatform.contracts.cases;

public enum IndicatorAnswer { PRESENT, ABSENT, UNKNOWN }
