package org.nrmplatform.identityservice.organisations;

import org.nrmplatform.shared.codelists.Countries;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.nrmplatform.identityservice.IdentityCommands.ChangeServicesOffered;
import org.nrmplatform.identityservice.IdentityCommands.RegisterOrganisation;
import org.nrmplatform.contracts.identity.IdentityEvents.OrganisationRegistered;
import org.nrmplatform.contracts.identity.IdentityEvents.ServicesOfferedChanged;
import org.nrmplatform.shared.codelists.CodeLists;

/** An agency taking part in the NRM: its type and country, and the services it offers to victims. */
@Aggregate
public class Organisation {

    static final String TYPES = "nrm-organisation-type";
    static final String SERVICES = "service-type";

    @AggregateIdentifier
    private UUID organisationId;
    private String name;
    private String type;
    private String country;
    private List<String> servicesOffered;

    protected Organisation() {
        // required by Axon to rebuild the organisation from its events
    }

    @CommandHandler
    public Organisation(RegisterOrganisation command, CodeLists codeLists) {
        codeLists.requireCode(TYPES, command.type(), "type");
        Countries.require(command.country(), "country");
        List<String> services = distinct(command.servicesOffered());
        codeLists.requireCodes(SERVICES, services, "servicesOffered");
        apply(new OrganisationRegistered(command.organisationId(), command.name(), command.type(), command.country(),
                services));
    }

    /** Records the new list; the same services again records nothing. */
    @CommandHandler
    public OrganisationStatus handle(ChangeServicesOffered command, CodeLists codeLists) {
        List<String> services = distinct(command.servicesOffered());
        codeLists.requireCodes(SERVICES, services, "servicesOffered");
        if (!new HashSet<>(services).equals(new HashSet<>(servicesOffered))) {
            apply(new ServicesOfferedChanged(organisationId, services));
        }
        return status();
    }

    private OrganisationStatus status() {
        return new OrganisationStatus(organisationId, name, type, country, servicesOffered,
                AggregateLifecycle.getVersion());
    }

    private static List<String> distinct(List<String> codes) {
        return codes == null ? List.of() : codes.stream().distinct().toList();
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
        name = event.name();
        type = event.type();
        country = event.country();
        servicesOffered = List.copyOf(event.servicesOffered());
    }

    @EventSourcingHandler
    void on(ServicesOfferedChanged event) {
        servicesOffered = List.copyOf(event.servicesOffered());
    }
}
