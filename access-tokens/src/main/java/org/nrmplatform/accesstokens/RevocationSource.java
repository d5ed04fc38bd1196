package org.nrmplatform.accesstokens;

import java.util.Optional;
import org.nrmplatform.contracts.identity.Revocations;

/** Where a component learns what identity-service has revoked. */
public interface RevocationSource {

    /** The latest revocations known; empty until they have been read once. */
    Optional<Revocations> current();
}
