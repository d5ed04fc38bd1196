package org.nrmplatform.contracts.cases;

/** The identification stage of PRODUCT.md §3; a case stays in its last stage when closed. */
public enum CaseStage { POTENTIAL_VICTIM, PRESUMED_VICTIM, IDENTIFIED_VICTIM, NOT_IDENTIFIED }
