package org.nrmplatform.contracts.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What identity-service has revoked, as it publishes it at {@value #PATH} on its own port for the gateway and the
 * services, which read it every second and refuse the tokens it names.
 *
 * @param tokens  revoked tokens: their {@code jti}, each until the token expires
 * @param users   user ids whose tokens issued before the instant are void (account deactivated, a role removed)
 * @param clients client ids whose tokens issued before the instant are void (client deactivated, a role removed)
 */
public record Revocations(Map<String, Instant> tokens, Map<String, Instant> users, Map<String, Instant> clients) {

    public static final String PATH = "/token-revocations";

    public Revocations {
        tokens = Map.copyOf(tokens);
        users = Map.copyOf(users);
        clients = Map.copyOf(clients);
    }

    public static Revocations none() {
        return new Revocations(Map.of(), Map.of(), Map.of());
    }

    /**
     * Why a token is refused, if it is.
     *
     * @param issuedAt its {@code iat}; a token without one is void as soon as its holder's tokens are
     */
    public Optional<String> refusal(String tokenId, String userId, String clientId, Instant issuedAt) {
        if (tokenId != null && tokens.containsKey(tokenId)) {
            return Optional.of("the token has been revoked");
        }
        if (voided(users, userId, issuedAt)) {
            return Optional.of("the account's tokens issued before its deactivation or a change of its roles are void");
        }
        if (voided(clients, clientId, issuedAt)) {
            return Optional.of("the client's tokens issued before its deactivation or a change of its roles are void");
        }
        return Optional.empty();
    }

    private static boolean voided(Map<String, Instant> voidBefore, String holder, Instant issuedAt) {
        Instant from = holder == null ? null : voidBefore.get(holder);
        return from != null && (issuedAt == null || issuedAt.isBefore(from));
    }
}
