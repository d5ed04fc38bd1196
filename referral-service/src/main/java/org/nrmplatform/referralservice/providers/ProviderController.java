package org.nrmplatform.referralservice.providers;

import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.referralservice.standards.Compliance;
import org.nrmplatform.referralservice.standards.ProviderStanding;
import org.nrmplatform.referralservice.standards.ProviderStandings;
import org.nrmplatform.referralservice.views.ReferralQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service-provider directory: reference data for every role, no case content. */
@RestController
class ProviderController {

    /**
     * A provider with its current load (the referrals to it that are requested or accepted), its compliance with the
     * minimum service standards, the day of its latest monitoring visit, the earliest expiry of its licences and the
     * places it records per service (those it recorded).
     */
    record ProviderEntry(String id, String name, String type, String country, List<String> servicesOffered,
                         long activeReferrals, Compliance compliance, String latestVisitOn, String licenceExpiresOn,
                         List<ProviderStanding.Service> capacity) {
    }

    private final QueryGateway queries;

    ProviderController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/providers")
    @PreAuthorize("isAuthenticated()")
    List<ProviderEntry> list(@RequestParam(required = false) String serviceType,
                             @RequestParam(required = false) String country) {
        Map<String, ProviderStandings.Standing> standings = queries.query(new ProviderStandings.AllStandings(),
                ProviderStandings.StandingMap.class).join().byOrganisation();
        return queries.query(new ProviderDirectory.ListProviders(serviceType, country),
                        ResponseTypes.multipleInstancesOf(Provider.class)).join().stream()
                .map(provider -> {
                    ProviderStandings.Standing standing = standings.get(provider.id());
                    return new ProviderEntry(provider.id(), provider.name(), provider.type(), provider.country(),
                            provider.servicesOffered(),
                            queries.query(new ReferralQueries.ActiveReferralsTo(provider.id()), Long.class).join(),
                            standing == null ? Compliance.NOT_ASSESSED : standing.compliance(),
                            standing == null ? null : standing.latestVisitOn(),
                            standing == null ? null : standing.recorded().licences().stream()
                                    .map(ProviderStanding.Licence::expiresOn).min(String::compareTo).orElse(null),
                            standing == null ? List.of() : standing.recorded().services());
                })
                .toList();
    }
}
