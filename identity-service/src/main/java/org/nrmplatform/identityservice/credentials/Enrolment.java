package org.nrmplatform.identityservice.credentials;

import java.util.UUID;
import java.util.function.Function;
import org.nrmplatform.identityservice.IdempotentCreation;
import org.springframework.stereotype.Component;

/**
 * Creates an account or client that signs in with a name and a secret: reserves the name, stores the
 * secret's hash, then sends the creating command; if the command is refused, gives up what this call
 * reserved and stored. The hash is stored before the command so that an account never exists without a
 * credential; a hash left by a crash belongs to no account and lets nobody in.
 */
@Component
public class Enrolment {

    private final NameReservations reservations;
    private final Credentials credentials;
    private final IdempotentCreation creation;

    Enrolment(NameReservations reservations, Credentials credentials, IdempotentCreation creation) {
        this.reservations = reservations;
        this.credentials = credentials;
        this.creation = creation;
    }

    public IdempotentCreation.Outcome enrol(NameReservations.Kind nameKind, String name, UUID holder,
                                            Credentials.Kind secretKind, String secret, Object command,
                                            Function<Object, Object> asCommand) {
        boolean reserved = reservations.reserve(nameKind, name, holder) == NameReservations.Outcome.RESERVED;
        boolean stored = false;
        try {
            stored = credentials.storeIfAbsent(holder, secretKind, secret);
            return creation.create(holder, command, asCommand);
        } catch (RuntimeException refused) {
            if (stored) {
                credentials.remove(holder);
            }
            if (reserved) {
                reservations.release(nameKind, name, holder);
            }
            throw refused;
        }
    }
}
