package org.nrmplatform.identityservice.views;

import java.util.List;
import java.util.UUID;

/** The questions the identity views answer. */
public final class IdentityQueries {

    private IdentityQueries() {
    }

    public record FindOrganisation(UUID organisationId) {
    }

    /** Each filter may be null: no filter. */
    public record ListOrganisations(String type, String country, String service, int page, int size) {
    }

    public record OrganisationPage(List<OrganisationView> items, int page, int size, long total) {
    }

    public record CountOrganisations() {
    }

    public record FindAccount(UUID userId) {
    }

    public record FindAccountByUsername(String username) {
    }

    public record FindClient(String clientId) {
    }

    public record FindClientById(UUID apiClientId) {
    }
}
