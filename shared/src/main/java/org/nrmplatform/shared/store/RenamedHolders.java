package org.nrmplatform.shared.store;

import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.nrmplatform.contracts.cases.CaseEvents;
import org.springframework.core.Ordered;

/**
 * Reads events stored under a renamed holder class as its current nested types. A stored payload type is the
 * record's binary name ({@code org.nrmplatform.contracts.cases.Events$CaseOpened}), so renaming the holder
 * would leave every event it wrote unreadable. The stored documents stay as they are (their hashes cover the
 * payload type; the court export and the verifier name events by the simple name, which does not change);
 * the current name is given as they are read, the payload untouched. Only events are stored with class
 * names: commands are not stored, and no deadline or saga state names a holder's types.
 */
public final class RenamedHolders extends SingleEventUpcaster implements Ordered {

    /** A former holder's binary name and the holder that now has its nested types. */
    static final Map<String, Class<?>> FORMER_NAMES =
            Map.of("org.nrmplatform.contracts.cases.Events", CaseEvents.class);

    /** First in the chain: every other upcaster matches on the current names. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return current(representation.getType()) != null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        return representation.upcastPayload(new SimpleSerializedType(current(stored), stored.getRevision()),
                String.class, Function.identity());
    }

    /** The current binary name of a type stored under a former holder's name, or null. */
    private static String current(SerializedType stored) {
        String name = stored.getName();
        int nested = name.indexOf('$');
        if (nested < 0) {
            return null;
        }
        Class<?> holder = FORMER_NAMES.get(name.substring(0, nested));
        return holder == null ? null : holder.getName() + name.substring(nested);
    }
}
