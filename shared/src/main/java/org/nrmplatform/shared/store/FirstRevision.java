package org.nrmplatform.shared.store;

import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.Ordered;

/**
 * Gives the events stored before event types carried a revision the revision {@value #REVISION}, which every
 * event type had when revisions were introduced; an upcaster for a later change then matches on a revision
 * alone, never on its absence. It runs after the upcasters that bring still older shapes to revision 1's (a
 * renamed holder, clear personal fields) and before every per-type upcaster (README, "Upgrading"). The stored
 * documents keep their null revision: their hashes cover it.
 */
public final class FirstRevision extends SingleEventUpcaster implements Ordered {

    /** The revision of every event type's first shape. */
    public static final String REVISION = "1";

    /** After {@link RenamedHolders} and the clear personal fields' upcaster, before any per-type upcaster. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final String CONTRACTS = "org.nrmplatform.contracts.";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
                && representation.getType().getName().startsWith(CONTRACTS);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), REVISION),
                String.class, Function.identity());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
