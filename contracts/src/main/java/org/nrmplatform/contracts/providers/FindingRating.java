package org.nrmplatform.contracts.providers;

/** How a monitoring visit found one item of the minimum service standards. */
public enum FindingRating {
    MET, PARTLY_MET, NOT_MET
}
