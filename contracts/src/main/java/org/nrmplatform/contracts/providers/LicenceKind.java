package org.nrmplatform.contracts.providers;

/** What entitles a provider to deliver its services: a licence issued by a ministry, or an accreditation. */
public enum LicenceKind {
    LICENCE, ACCREDITATION
}
