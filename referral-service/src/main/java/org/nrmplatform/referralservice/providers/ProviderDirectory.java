package org.nrmplatform.referralservice.providers;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The organisations that offer services, as referral-service knows them. */
@Component
public class ProviderDirectory {

    private final MongoTemplate mongo;

    public ProviderDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Provider> find(String organisationId) {
        return Optional.ofNullable(mongo.findById(organisationId, Provider.class, Provider.COLLECTION));
    }

    /** The providers, as {@link #list} gives them, asked over the query bus (docs/architecture.md, decision 30). */
    public record ListProviders(String serviceType, String country) {
    }

    @QueryHandler
    List<Provider> handle(ListProviders query) {
        return list(query.serviceType(), query.country());
    }

    /** Organisations offering at least one service, optionally only those offering {@code serviceType} or in {@code country}. */
    public List<Provider> list(String serviceType, String country) {
        Criteria criteria = serviceType != null ? where("servicesOffered").is(serviceType)
                : where("servicesOffered.0").exists(true);
        if (country != null) {
            criteria = criteria.and("country").is(country);
        }
        return mongo.find(new Query(criteria).with(Sort.by("name")), Provider.class, Provider.COLLECTION);
    }
}
