package org.nrmplatform.caseservice.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nrmplatform.contracts.cases.AssessmentResult;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.ConsentGiver;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagLifted;
import org.nrmplatform.contracts.cases.CaseEvents.CaseFlagRaised;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentGiven;
import org.nrmplatform.contracts.cases.CaseEvents.ConsentWithdrawn;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.IdentificationDecided;
import org.nrmplatform.contracts.cases.CaseEvents.IndicatorAssessmentRecorded;
import org.nrmplatform.contracts.cases.CaseEvents.PossibleMatchDismissed;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.SamePersonLinked;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.CaseEvents.SubjectErased;
import org.nrmplatform.contracts.cases.IdentificationOutcome;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * What a case's own events add up to: the one fold of them ({@link #apply}), which the aggregate decides
 * on, {@link CaseAccess} judges by, the case views store (each the part its actor may see), time travel
 * replays and the history reads who may see the case from. Personal fields stay {@link Sealed} as the
 * events hold them; whoever answers opens them. Immutable: each event gives a new file.
 *
 * <p>The components are named as the views' documents name them, so a stored view is this file (less the
 * fields outside its actor's record, plus the referrals, which are other aggregates' events).
 * {@code version} is the sequence number of the last event folded in; {@code erased} that the data subject
 * was erased ({@link SubjectErased}).
 */
public record CaseFile(String id, long version, String openingOrganisationId, String responsibleOrganisationId,
                       String detectingSector, Instant screenedAt, ScreeningLocation location,
                       SealedDataSubject dataSubject, CaseStage stage, boolean closed, List<Assessment> assessments,
                       Sealed presumedVictimGrounds, Identification identification, Guardian guardian,
                       Map<String, Consent> consents, ReflectionPeriod reflectionPeriod, Closure closure,
                       Instant openedAt, Instant lastChangedAt, boolean erased, List<Flag> flags) {

    /** Where an event stands in its case: its sequence number and when it was recorded. */
    public record EventMeta(long sequence, Instant at) {
    }

    public record Assessment(String assessmentId, String indicatorSetId, Instant assessedAt,
                             AssessmentResult result) {
        public Assessment {
            assessedAt = toMillis(assessedAt);
        }
    }

    public record Identification(IdentificationOutcome outcome, Sealed reasons, List<String> typesOfExploitation,
                                 List<String> methodsOfControl, Instant decidedAt) {
        public Identification {
            decidedAt = toMillis(decidedAt);
        }
    }

    public record Guardian(Sealed name, String organisation, LocalDate appointedOn) {
    }

    public record Consent(ConsentGiver givenBy, List<String> purposes, List<String> serviceTypes,
                          String recipientOrganisationId, boolean active, Instant givenAt, Instant withdrawnAt) {
        public Consent {
            givenAt = toMillis(givenAt);
            withdrawnAt = toMillis(withdrawnAt);
        }
    }

    public record ReflectionPeriod(LocalDate startDate, LocalDate legalEndDate, String legalBasis) {
    }

    public record Closure(String reason, Sealed note, Instant closedAt) {
        public Closure {
            closedAt = toMillis(closedAt);
        }
    }

    /** A warning raised on the case and not lifted ({@link CaseFlagRaised}); {@code reason} sealed. */
    public record Flag(String flagId, String category, Sealed reason, String raisedByOrganisationId,
                       Instant raisedAt) {
        public Flag {
            raisedAt = toMillis(raisedAt);
        }
    }

    public CaseFile {
        screenedAt = toMillis(screenedAt);
        openedAt = toMillis(openedAt);
        lastChangedAt = toMillis(lastChangedAt);
        assessments = assessments == null ? List.of() : List.copyOf(assessments);
        // in the order they were raised; a view stored before flags existed reads as none
        flags = flags == null ? List.of() : List.copyOf(flags);
        // insertion order kept: the order the consents were given
        consents = consents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(consents));
    }

    /** The case as its first event makes it. */
    public static CaseFile opened(CaseOpened event, EventMeta meta) {
        return new CaseFile(event.caseId().toString(), meta.sequence(), event.openingOrganisationId(), null,
                event.detectingSector(), event.screenedAt(), event.location(), event.dataSubject(),
                CaseStage.POTENTIAL_VICTIM, false, List.of(), null, null, null, Map.of(), null, null, meta.at(),
                meta.at(), false, List.of());
    }

    /**
     * The file after {@code event}, folded onto {@code file} (null before the case is opened; stays null
     * for any other event then). An event that is not one of the case's own leaves the file as it is, its
     * version too.
     */
    public static CaseFile fold(CaseFile file, Object event, EventMeta meta) {
        if (file == null) {
            return event instanceof CaseOpened opened ? opened(opened, meta) : null;
        }
        return file.apply(event, meta);
    }

    /** The file after {@code event}; this file when the event is none of the case's own. */
    public CaseFile apply(Object event, EventMeta meta) {
        Change next = new Change();
        if (event instanceof CaseOpened) {
            return this; // a case is opened once: a repeat changes nothing
        } else if (event instanceof IndicatorAssessmentRecorded e) {
            List<Assessment> more = new ArrayList<>(assessments);
            more.add(new Assessment(e.assessmentId().toString(), e.indicatorSetId(), e.assessedAt(), e.result()));
            next.assessments = more;
        } else if (event instanceof PresumedVictimFlagged e) {
            next.stage = CaseStage.PRESUMED_VICTIM;
            next.presumedVictimGrounds = e.grounds();
            next.responsibleOrganisationId = e.responsibleOrganisationId();
        } else if (event instanceof IdentificationDecided e) {
            next.stage = e.outcome() == IdentificationOutcome.IDENTIFIED ? CaseStage.IDENTIFIED_VICTIM
                    : CaseStage.NOT_IDENTIFIED;
            next.identification = new Identification(e.outcome(), e.reasons(), e.typesOfExploitation(),
                    e.methodsOfControl(), meta.at());
        } else if (event instanceof GuardianAppointed e) {
            next.guardian = new Guardian(e.guardianName(), e.guardianOrganisation(), e.appointedOn());
        } else if (event instanceof ConsentGiven e) {
            next.consent(e.consentId(), new Consent(e.givenBy(), e.purposes(), e.serviceTypes(),
                    e.recipientOrganisationId(), true, meta.at(), null));
        } else if (event instanceof ConsentWithdrawn e) {
            Consent given = consents.get(e.consentId().toString());
            if (given != null) {
                next.consent(e.consentId(), new Consent(given.givenBy(), given.purposes(), given.serviceTypes(),
                        given.recipientOrganisationId(), false, given.givenAt(), meta.at()));
            }
        } else if (event instanceof ReflectionPeriodStarted e) {
            next.reflectionPeriod = new ReflectionPeriod(e.startDate(), e.legalEndDate(), e.legalBasis());
        } else if (event instanceof CaseClosed e) {
            next.closed = true;
            next.closure = new Closure(e.reason(), e.note(), meta.at());
        } else if (event instanceof SubjectErased) {
            next.erased = true;
        } else if (event instanceof CaseFlagRaised e) {
            // a repeat (the provider's view has no version to skip it by) leaves one flag, not two
            List<Flag> more = new ArrayList<>(flags.stream()
                    .filter(flag -> !flag.flagId().equals(e.flagId().toString())).toList());
            more.add(new Flag(e.flagId().toString(), e.category(), e.reason(), e.raisedByOrganisationId(),
                    meta.at()));
            next.flags = more;
        } else if (event instanceof CaseFlagLifted e) {
            next.flags = flags.stream().filter(flag -> !flag.flagId().equals(e.flagId().toString())).toList();
        } else if (event instanceof SamePersonLinked || event instanceof PossibleMatchDismissed) {
            // the case's own events: its version moves on; the decisions are the blind index's (PersonIndex)
            return next.build(meta);
        } else if (event instanceof CaseRegisteredInEmergency) {
            // the link to the situation is kept by the situation's list (emergencies); the case's version moves
        } else {
            return this;
        }
        return next.build(meta);
    }

    /**
     * Instants are kept to the millisecond, as the stored views keep them (MongoDB dates): a case read from
     * its view and the same case replayed from its events (which may hold finer instants sent by a client)
     * are then equal.
     */
    private static Instant toMillis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Who may see the case (before any referral: those are other aggregates' events). */
    public CaseAccess access() {
        return new CaseAccess(openingOrganisationId, responsibleOrganisationId);
    }

    public boolean assessed() {
        return !assessments.isEmpty();
    }

    public boolean guardianAppointed() {
        return guardian != null;
    }

    public boolean reflectionPeriodStarted() {
        return reflectionPeriod != null;
    }

    /** Whether the flag was raised on the case and is not lifted. */
    public boolean flagActive(UUID flagId) {
        return flags.stream().anyMatch(flag -> flag.flagId().equals(flagId.toString()));
    }

    /** Whether {@code consentId} was given and not withdrawn; empty when the case has no such consent. */
    public Optional<Boolean> consentActive(UUID consentId) {
        return Optional.ofNullable(consents.get(consentId.toString())).map(Consent::active);
    }

    /** The fields an event may change, as they were before it. */
    private final class Change {
        private String responsibleOrganisationId = CaseFile.this.responsibleOrganisationId;
        private CaseStage stage = CaseFile.this.stage;
        private boolean closed = CaseFile.this.closed;
        private List<Assessment> assessments = CaseFile.this.assessments;
        private Sealed presumedVictimGrounds = CaseFile.this.presumedVictimGrounds;
        private Identification identification = CaseFile.this.identification;
        private Guardian guardian = CaseFile.this.guardian;
        private Map<String, Consent> consents = CaseFile.this.consents;
        private ReflectionPeriod reflectionPeriod = CaseFile.this.reflectionPeriod;
        private Closure closure = CaseFile.this.closure;
        private boolean erased = CaseFile.this.erased;
        private List<Flag> flags = CaseFile.this.flags;

        void consent(UUID consentId, Consent consent) {
            Map<String, Consent> changed = new LinkedHashMap<>(consents);
            changed.put(consentId.toString(), consent);
            consents = changed;
        }

        CaseFile build(EventMeta meta) {
            return new CaseFile(id, meta.sequence(), openingOrganisationId, responsibleOrganisationId,
                    detectingSector, screenedAt, location, dataSubject, stage, closed, assessments,
                    presumedVictimGrounds, identification, guardian, consents, reflectionPeriod, closure, openedAt,
                    meta.at(), erased, flags);
        }
    }
}
