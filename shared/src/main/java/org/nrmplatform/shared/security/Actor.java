package org.nrmplatform.shared.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.identity.TokenClaims;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is acting: from the validated access token of the request, and recorded in the metadata of every
 * command and event the request causes.
 *
 * @param userId         the person's account id; null when an agency system acts on its own
 * @param clientId       the OAuth2 client the token was issued to
 * @param organisationId the organisation on whose behalf the actor acts
 */
public record Actor(String userId, String clientId, String organisationId, String organisationType,
                    String country, Set<Role> roles) {

    public static final String USER_ID = "userId";
    public static final String CLIENT_ID = "clientId";
    public static final String ORGANISATION_ID = "organisationId";
    public static final String ORGANISATION_TYPE = "organisationType";
    public static final String COUNTRY = "country";
    public static final String ROLES = "roles";
    /** The metadata keys an actor occupies, copied from each message to the messages it causes. */
    public static final List<String> METADATA_KEYS =
            List.of(USER_ID, CLIENT_ID, ORGANISATION_ID, ORGANISATION_TYPE, COUNTRY, ROLES);

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The actor of the request being handled on this thread, if it carried a valid token. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? Optional.of(from(token.getToken()))
                : Optional.empty();
    }

    public static Actor from(Jwt jwt) {
        List<String> codes = jwt.getClaimAsStringList(TokenClaims.ROLES);
        return new Actor(jwt.getClaimAsString(TokenClaims.USER_ID), jwt.getClaimAsString(TokenClaims.CLIENT_ID),
                jwt.getClaimAsString(TokenClaims.ORGANISATION_ID), jwt.getClaimAsString(TokenClaims.ORGANISATION_TYPE),
                jwt.getClaimAsString(TokenClaims.COUNTRY), roles(codes == null ? List.of() : codes));
    }

    /** The actor recorded in a message's metadata, if any. */
    public static Optional<Actor> fromMetadata(Map<String, ?> metadata) {
        if (!metadata.containsKey(ORGANISATION_ID)) {
            return Optional.empty();
        }
        Object codes = metadata.get(ROLES);
        List<String> roleCodes = new ArrayList<>();
        if (codes instanceof Collection<?> collection) {
            collection.forEach(code -> roleCodes.add(String.valueOf(code)));
        }
        return Optional.of(new Actor((String) metadata.get(USER_ID), (String) metadata.get(CLIENT_ID),
                (String) metadata.get(ORGANISATION_ID), (String) metadata.get(ORGANISATION_TYPE),
                (String) metadata.get(COUNTRY), roles(roleCodes)));
    }

    public Map<String, Object> toMetadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (userId != null) {
            metadata.put(USER_ID, userId);
        }
        metadata.put(CLIENT_ID, clientId);
        metadata.put(ORGANISATION_ID, organisationId);
        metadata.put(ORGANISATION_TYPE, organisationType);
        metadata.put(COUNTRY, country);
        metadata.put(ROLES, roles.stream().map(Role::code).sorted().toList());
        return metadata;
    }

    /**
     * {@code command} as this actor's, wherever it is sent from. A message made within another message's unit of
     * work inherits that message's correlation data, its actor among them (an approver's, for a step carried out
     * as its requester's): the actor's keys are replaced whole, so no user id of another is left beside a system's.
     */
    public CommandMessage<?> command(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        Map<String, Object> metadata = new HashMap<>(message.getMetaData());
        metadata.keySet().removeAll(METADATA_KEYS);
        metadata.putAll(toMetadata());
        return message.withMetaData(metadata);
    }

    private static Set<Role> roles(Collection<String> codes) {
        return codes.stream().map(Role::fromCode).flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
