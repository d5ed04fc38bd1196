package org.nrmplatform.caseservice.matching;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.caseservice.cases.CaseAccess;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.shared.security.Actor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The other cases of the installation, open or closed, whose person may be a case's person: looked up in the
 * blind index by any shared name digest, phonetic key or date of birth, scored ({@link MatchScore}), kept from
 * the threshold on, the highest first. A candidate names the other case's id, stage, organisation and dates,
 * never its content. Dismissed candidates are left out; linked ones say so.
 */
@Component
class PossibleMatches {

    /** A possible match of a case, as its deciders see it. */
    record Candidate(String caseId, CaseStage stage, String organisationId, Instant openedAt, Instant closedAt,
                     double score, boolean linked) {
    }

    private final MongoTemplate mongo;
    private final PersonIndex index;
    private final MatchingProperties properties;

    PossibleMatches(MongoTemplate mongo, PersonIndex index, MatchingProperties properties) {
        this.mongo = mongo;
        this.index = index;
        this.properties = properties;
    }

    /**
     * The possible matches of a case for an actor who decides on them (the identification authority, or the case
     * manager of the case); empty when the case is not theirs to decide on, unknown, erased or not indexed yet.
     */
    Optional<List<Candidate>> of(UUID caseId, Actor actor) {
        return index.entryOf(caseId).filter(entry -> decidesOn(entry, actor))
                .map(entry -> candidatesOf(entry, mongo, index.collection().current(), properties.threshold(),
                        properties.maxCandidates()));
    }

    static boolean decidesOn(IndexedPerson entry, Actor actor) {
        CaseAccess access = new CaseAccess(entry.openingOrganisationId(), entry.responsibleOrganisationId());
        return access.grants(Role.IDENTIFICATION_AUTHORITY, actor) || access.grants(Role.CASE_MANAGER, actor);
    }

    /** The scored candidates of {@code entry} in {@code collection}, from {@code threshold} on, at most {@code limit}. */
    static List<Candidate> candidatesOf(IndexedPerson entry, MongoTemplate mongo, String collection,
                                        double threshold, int limit) {
        BlindIndex person = entry.index();
        List<Criteria> shared = new ArrayList<>();
        shared.add(where("index.familyNames").in(person.allNames()));
        shared.add(where("index.givenNames").in(person.familyNames()));
        shared.add(where("index.familySounds").in(person.allSounds()));
        if (person.birthDate() != null) {
            shared.add(where("index.birthDate").is(person.birthDate()));
        }
        Criteria lookup = where("_id").ne(entry.caseId()).orOperator(shared.toArray(Criteria[]::new));
        return mongo.find(query(lookup), IndexedPerson.class, collection).stream()
                .filter(other -> !entry.dismissed().contains(other.caseId()))
                .map(other -> new Candidate(other.caseId(), other.stage(), other.organisationId(), other.openedAt(),
                        other.closedAt(), MatchScore.of(person, other.index()),
                        entry.linked().contains(other.caseId())))
                .filter(candidate -> candidate.linked() || candidate.score() >= threshold)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparing(Candidate::openedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(limit)
                .toList();
    }
}
