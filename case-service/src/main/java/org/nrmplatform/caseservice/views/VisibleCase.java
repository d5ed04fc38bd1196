package org.nrmplatform.caseservice.views;

/**
 * What a caller sees of a case, each actor type from a view of its own that holds only its fields
 * (docs/need-to-know.md): a {@link HandledCase} for the first-line professional, the identification
 * authority and the case manager, or for a service provider with an active referral the
 * {@link CaseView.ReferredCase} ({@link ReferredCaseProjection}).
 */
public sealed interface VisibleCase permits HandledCase, CaseView.ReferredCase {

    String id();
}
