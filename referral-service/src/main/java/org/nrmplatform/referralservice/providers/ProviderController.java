package org.nrmplatform.referralservice.providers;

import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.referralservice.views.ReferralQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service-provider directory: reference data for every role, no case content. */
@RestController
class ProviderController {

    /** A provider with its current load: the referrals to it that are requested or accepted. */
    record ProviderEntry(String id, String name, String type, String country, List<String> servicesOffered,
                         long activeReferrals) {
    }

    private final QueryGateway queries;

    ProviderController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/providers")
    @PreAuthorize("isAuthenticated()")
    List<ProviderEntry> list(@RequestParam(required = false) String serviceType,
                             @RequestParam(required = false) String country) {
        return queries.query(new ProviderDirectory.ListProviders(serviceType, country),
                        ResponseTypes.multipleInstancesOf(Provider.class)).join().stream()
                .map(provider -> new ProviderEntry(provider.id(), provider.name(), provider.type(), provider.country(),
                        provider.servicesOffered(),
                        queries.query(new ReferralQueries.ActiveReferralsTo(provider.id()), Long.class).join()))
                .toList();
    }
}
