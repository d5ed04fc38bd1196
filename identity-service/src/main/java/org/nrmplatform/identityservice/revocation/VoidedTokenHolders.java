package org.nrmplatform.identityservice.revocation;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientDeactivated;
import org.nrmplatform.contracts.identity.IdentityEvents.ApiClientRoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.RoleRevoked;
import org.nrmplatform.contracts.identity.IdentityEvents.UserAccountDeactivated;
import org.nrmplatform.identityservice.revocation.RevocationList.Holder;
import org.springframework.stereotype.Component;

/**
 * A deactivation or a removed role voids every token its holder was issued before it: the token still names the
 * roles it was issued with. Idempotent (the latest instant wins), so a replay rebuilds the same list.
 */
@Component
@ProcessingGroup(VoidedTokenHolders.PROCESSOR)
class VoidedTokenHolders {

    static final String PROCESSOR = "token-revocations";

    private final RevocationList revocations;

    VoidedTokenHolders(RevocationList revocations) {
        this.revocations = revocations;
    }

    @EventHandler
    void on(UserAccountDeactivated event, @Timestamp Instant at) {
        revocations.voidTokensOf(Holder.USER, event.userId().toString(), at);
    }

    @EventHandler
    void on(RoleRevoked event, @Timestamp Instant at) {
        revocations.voidTokensOf(Holder.USER, event.userId().toString(), at);
    }

    @EventHandler
    void on(ApiClientDeactivated event, @Timestamp Instant at) {
        revocations.voidTokensOf(Holder.CLIENT, event.clientId(), at);
    }

    @EventHandler
    void on(ApiClientRoleRevoked event, @Timestamp Instant at) {
        revocations.voidTokensOf(Holder.CLIENT, event.clientId(), at);
    }

    @ResetHandler
    void reset() {
        revocations.forgetVoidedHolders();
    }
}
