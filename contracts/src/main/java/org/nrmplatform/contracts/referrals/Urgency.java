package org.nrmplatform.contracts.referrals;

/** How soon the provider is asked to act; the respond-by instant is set with it. */
public enum Urgency {
    /** The data subject is in danger or without shelter now. */
    IMMEDIATE,
    URGENT,
    ROUTINE
}
