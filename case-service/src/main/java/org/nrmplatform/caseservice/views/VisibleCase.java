package org.nrmplatform.caseservice.views;

/**
 * What a caller sees of a case: the whole {@link CaseView}, or for a service provider with an active
 * referral only the {@link CaseView.ReferredCase} part it needs, read from its own view
 * ({@link ReferredCaseProjection}).
 */
public sealed interface VisibleCase permits CaseView, CaseView.ReferredCase {

    String id();
}
