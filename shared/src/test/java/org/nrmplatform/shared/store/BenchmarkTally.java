package org.nrmplatform.shared.store;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The benchmark's aggregate: opened once, then counted up, one event per command. */
public class BenchmarkTally {

    public record Open(@TargetAggregateIdentifier String id) {
    }

    public record Add(@TargetAggregateIdentifier String id) {
    }

    public record Opened(String id) {
    }

    public record Added(String id, int count) {
    }

    @AggregateIdentifier
    private String id;
    private int count;

    BenchmarkTally() {
    }

    @CommandHandler
    BenchmarkTally(Open command) {
        apply(new Opened(command.id()));
    }

    @CommandHandler
    void handle(Add command) {
        apply(new Added(id, count + 1));
    }

    @EventSourcingHandler
    void on(Opened event) {
        id = event.id();
    }

    @EventSourcingHandler
    void on(Added event) {
        count = event.count();
    }
}
