package org.nrmplatform.web.matching;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.stereotype.Component;

/**
 * The possible matches of a case's person in other cases, for the pages of the roles that decide on them (the
 * case manager's and the identification authority's): each names the other case's id, stage, organisation and
 * dates only.
 */
@Component
public class PossibleMatches {

    private final PlatformApi api;

    PossibleMatches(PlatformApi api) {
        this.api = api;
    }

    /**
     * What the page shows of a case's possible matches.
     *
     * @param compared   false while the case's person is not in the index yet (moments after the case was opened)
     * @param candidates the highest score first
     */
    public record Shown(boolean compared, List<Map<String, Object>> candidates) {
    }

    /** The possible matches for the person signed in; null when they do not decide on this case's. */
    @SuppressWarnings("unchecked")
    public Shown of(UUID caseId) {
        try {
            Object candidates = api.get("/api/cases/{id}/possible-matches", caseId).get("candidates");
            return new Shown(true, candidates instanceof List<?> list ? (List<Map<String, Object>>) list : List.of());
        } catch (RefusedAction refused) {
            return switch (refused.status()) {
                case 404 -> new Shown(false, List.of());
                case 403 -> null;
                default -> throw refused;
            };
        }
    }
}
