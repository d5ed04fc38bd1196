package org.nrmplatform.contracts.cases;

/** Who gave consent: the data subject, or for a child the appointed guardian. */
public enum ConsentGiver { DATA_SUBJECT, GUARDIAN }
