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

    /** The accounts of one organisation ({@code organisationId} null: of all), by username. */
    public record ListAccounts(UUID organisationId, int page, int size) {
    }

    public record AccountPage(List<AccountView> items, int page, int size, long total) {
    }

    public record FindAccountByUsername(String username) {
    }

    public record FindClient(String clientId) {
    }

    public record FindClientById(UUID apiClientId) {
    }

    /** The API clients of one organisation ({@code organisationId} null: of all), by client id. */
    public record ListClients(UUID organisationId, int page, int size) {
    }

    public record ClientPage(List<ClientView> items, int page, int size, long total) {
    }
}
