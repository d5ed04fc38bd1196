package org.nrmplatform.caseservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.contracts.cases.SealedDataSubject;
import org.nrmplatform.contracts.cases.CaseEvents.CaseClosed;
import org.nrmplatform.contracts.cases.CaseEvents.CaseOpened;
import org.nrmplatform.contracts.cases.CaseEvents.GuardianAppointed;
import org.nrmplatform.contracts.cases.CaseEvents.PresumedVictimFlagged;
import org.nrmplatform.contracts.cases.CaseEvents.ReflectionPeriodStarted;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.shared.privacy.PersonalData;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Case events appended straight to the storage engine (no commands), five per case, and a content digest
 * of a projection's collection.
 */
final class SeededCases {

    static final int EVENTS_PER_CASE = 5;

    private SeededCases() {
    }

    /** Appends {@code events} case events (a multiple of five), in batches of 100 as an import would. */
    static void append(EventStorageEngine engine, TransactionManager transactions, PersonalData personalData,
                       int events) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < events / EVENTS_PER_CASE; i++) {
            batch.addAll(caseOf(i, personalData));
            if (batch.size() >= 100) {
                List<DomainEventMessage<?>> appending = List.copyOf(batch);
                transactions.executeInTransaction(() -> engine.appendEvents(appending));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            transactions.executeInTransaction(() -> engine.appendEvents(batch));
        }
    }

    private static List<DomainEventMessage<?>> caseOf(int i, PersonalData personalData) {
        UUID caseId = UUID.randomUUID();
        String id = caseId.toString();
        LocalDate day = LocalDate.of(2025, 1, 1).plusDays(i % 300);
        List<Object> payloads = List.of(
                new CaseOpened(caseId, i % 2 == 0 ? "POLICE" : "LABOUR_INSPECTION", Instant.parse("2025-01-01T10:00:00Z"),
                        new ScreeningLocation("RS", "Novi Sad", null),
                        new SealedDataSubject(personalData.seal(caseId, PersonalField.GIVEN_NAME, "Ana"),
                                personalData.seal(caseId, PersonalField.FAMILY_NAME, "Petrović " + i),
                                personalData.seal(caseId, PersonalField.DATE_OF_BIRTH,
                                        LocalDate.of(1990, 1, 1).plusDays(i % 5000)),
                                i % 3 == 0 ? AgeCategory.CHILD : AgeCategory.ADULT, "Feminine", List.of("AL")),
                        "0f6a3c1e-1111-4a2b-9c3d-000000000001"),
                new PresumedVictimFlagged(caseId, personalData.seal(caseId, PersonalField.PRESUMED_VICTIM_GROUNDS,
                        "Grounds " + i), "0f6a3c1e-2222-4a2b-9c3d-000000000002"),
                new ReflectionPeriodStarted(caseId, day, day.plusDays(90), "Law on Foreigners, art. 62"),
                new GuardianAppointed(caseId, personalData.seal(caseId, PersonalField.GUARDIAN_NAME, "Guardian " + i),
                        "Centre for Social Work", day),
                new CaseClosed(caseId, "REINTEGRATED", personalData.seal(caseId, PersonalField.CLOSURE_NOTE, "Seeded"),
                        CaseStage.PRESUMED_VICTIM));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(new GenericDomainEventMessage<>("Case", id, sequence, payloads.get(sequence)));
        }
        return events;
    }

    /**
     * SHA-256 over the documents sorted by {@code _id}, each as canonical text (keys sorted, values typed).
     * A case view holds no volatile field: its times are the events' own timestamps.
     */
    static String digest(MongoTemplate mongo, String collection) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Document view : mongo.getCollection(collection).find().sort(new Document("_id", 1))) {
                sha.update(canonical(view).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().toString(), entry -> canonical(entry.getValue())))).toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SeededCases::canonical).collect(Collectors.joining(",", "[", "]"));
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
