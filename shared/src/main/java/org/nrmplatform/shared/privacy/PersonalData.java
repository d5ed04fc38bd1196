package org.nrmplatform.shared.privacy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.domain.RuleViolation;

/**
 * Seals personal fields for events with their data subject's key, and opens them again when they are read.
 * Aggregates seal in their command handlers, so that events (and so projections, which copy sealed values
 * as they are) never hold clear text; every read path opens through a {@link Reading}. A value of an erased
 * subject opens as null and marks the reading {@link Reading#erased() erased}.
 */
public class PersonalData {

    private final SubjectKeys keys;
    private final Supplier<byte[]> nonces;

    public PersonalData(SubjectKeys keys) {
        this(keys, Aead.RANDOM_NONCES);
    }

    /**
     * With the nonces given: tests use a fixed nonce so that sealing is repeatable and events can be compared.
     * Never in production: a nonce repeated under one key gives the plaintexts' difference away.
     */
    public PersonalData(SubjectKeys keys, Supplier<byte[]> nonces) {
        this.keys = keys;
        this.nonces = nonces;
    }

    /** {@code clear} sealed for the subject and field; null stays null. Refused once the subject is erased. */
    public Sealed seal(UUID subjectId, PersonalField field, String clear) {
        return sealing(subjectId.toString()).seal(field, clear);
    }

    public Sealed seal(String subjectId, PersonalField field, String clear) {
        return sealing(subjectId).seal(field, clear);
    }

    public Sealed seal(UUID subjectId, PersonalField field, LocalDate clear) {
        return sealing(subjectId.toString()).seal(field, clear);
    }

    /**
     * Seals several fields of one subject, obtaining its key once (a case opening seals three): each obtaining
     * is a round trip to the key store. For one command; not shared between threads.
     */
    public Sealing sealing(String subjectId) {
        return new Sealing(subjectId);
    }

    /** Whether the subject's key has been destroyed. */
    public boolean erased(String subjectId) {
        return keys.find(subjectId) instanceof SubjectKeys.KeyLookup.Destroyed;
    }

    /** Opens values for one answer, looking each subject's key up once. Not shared between threads. */
    public Reading reading() {
        return new Reading();
    }

    private static byte[] additionalData(String subjectId, PersonalField field) {
        return (subjectId + "\n" + field.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value that does not open: altered, or presented as another subject's or another field's. */
    public static final class DoesNotOpen extends IllegalStateException {
        DoesNotOpen(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A payload with its personal fields in clear; {@code erased}: some were null because the subject is erased. */
    public record OpenedPayload(Map<String, Object> payload, boolean erased) {
    }

    public final class Sealing {

        private final String subjectId;
        private SecretKey key;

        private Sealing(String subjectId) {
            this.subjectId = subjectId;
        }

        /** {@code clear} sealed for the field; null stays null. Refused once the subject is erased. */
        public Sealed seal(PersonalField field, String clear) {
            if (clear == null) {
                return null;
            }
            if (key == null) {
                key = keys.obtain(subjectId).orElseThrow(() -> RuleViolation.stateDoesNotAllow("the personal data of "
                        + subjectId + " was erased: no personal data can be recorded for it any more"));
            }
            byte[] sealed = Aead.seal(key, nonces.get(), additionalData(subjectId, field),
                    clear.getBytes(StandardCharsets.UTF_8));
            return new Sealed(subjectId, Base64.getEncoder().encodeToString(sealed));
        }

        public Sealed seal(PersonalField field, LocalDate clear) {
            return seal(field, clear == null ? null : clear.toString());
        }
    }

    public final class Reading {

        /** The fields of a stored {@link Sealed}; a document may also carry Spring Data's type hint. */
        private static final Set<String> SEALED_KEYS = Set.of("subjectId", "ciphertext", "_class");

        private final Map<String, Optional<SecretKey>> keysOfSubjects = new HashMap<>();
        private boolean erased;

        private Reading() {
        }

        /** The clear value; null when not given, or when the subject is erased (then {@link #erased()}). */
        public String open(Sealed sealed, PersonalField field) {
            if (sealed == null) {
                return null;
            }
            Optional<SecretKey> key = keysOfSubjects.computeIfAbsent(sealed.subjectId(), this::keyOf);
            if (key.isEmpty()) {
                erased = true;
                return null;
            }
            try {
                byte[] clear = Aead.open(key.get(), additionalData(sealed.subjectId(), field),
                        Base64.getDecoder().decode(sealed.ciphertext()));
                return new String(clear, StandardCharsets.UTF_8);
            } catch (Aead.DoesNotOpen | IllegalArgumentException e) {
                throw new DoesNotOpen("a sealed " + field + " of data subject " + sealed.subjectId()
                        + " does not open: it was altered, or sealed for another subject or field", e);
            }
        }

        public LocalDate openDate(Sealed sealed, PersonalField field) {
            String clear = open(sealed, field);
            return clear == null ? null : LocalDate.parse(clear);
        }

        /** Whether a value read so far belonged to an erased subject (and so opened as null). */
        public boolean erased() {
            return erased;
        }

        /**
         * An event's payload as a JSON tree (maps and lists), with each sealed value at a path that
         * {@link PersonalField} lists for the event type replaced by its clear text (null when erased).
         *
         * A personal field an event recorded before sealing holds in clear (README, "Upgrading") is left as it
         * is, and null once its subject is erased.
         *
         * @throws IllegalStateException for a sealed value at a path no personal field names
         */
        public OpenedPayload openPayload(String eventType, Map<String, Object> payload) {
            OpenedPayload opened = openTree(payload, path -> PersonalField.at(eventType, path)
                    .orElseThrow(() -> new IllegalStateException("a sealed value at " + eventType + "." + path
                            + ", which no PersonalField names")));
            return withClearFieldsOfErasedSubjects(eventType, payload, opened);
        }

        @SuppressWarnings("unchecked")
        private OpenedPayload withClearFieldsOfErasedSubjects(String eventType, Map<String, Object> stored,
                                                              OpenedPayload opened) {
            Object subject = stored.get("caseId") instanceof String caseId ? caseId
                    : stored.get("transnationalReferralId");
            boolean erasedHere = opened.erased();
            for (PersonalField field : ClearPersonalFields.fieldsOf(eventType)) {
                String[] steps = field.path().split("\\.");
                Object storedParent = stored;
                Object openedParent = opened.payload();
                for (int i = 0; i < steps.length - 1; i++) {
                    storedParent = storedParent instanceof Map<?, ?> map ? map.get(steps[i]) : null;
                    openedParent = openedParent instanceof Map<?, ?> map ? map.get(steps[i]) : null;
                }
                String name = steps[steps.length - 1];
                if (storedParent instanceof Map<?, ?> map && map.get(name) instanceof String
                        && subject instanceof String subjectId
                        && keys.find(subjectId) instanceof SubjectKeys.KeyLookup.Destroyed
                        && openedParent instanceof Map<?, ?> readable) {
                    ((Map<String, Object>) readable).put(name, null);
                    erasedHere = true;
                }
            }
            erased = erased || erasedHere;
            return erasedHere == opened.erased() ? opened : new OpenedPayload(opened.payload(), true);
        }

        /**
         * A stored tree (an event's JSON, a projection's document) with each sealed value replaced by its clear
         * text (null when erased); {@code fieldAt} names the personal field of a path (dot-separated, list
         * indexes left out) or throws.
         */
        public OpenedPayload openTree(Map<String, Object> tree, Function<String, PersonalField> fieldAt) {
            boolean erasedBefore = erased;
            erased = false;
            Map<String, Object> opened = openObject(fieldAt, "", tree);
            boolean erasedHere = erased;
            erased = erasedBefore || erasedHere;
            return new OpenedPayload(opened, erasedHere);
        }

        private Map<String, Object> openObject(Function<String, PersonalField> fieldAt, String path,
                                               Map<String, Object> object) {
            // a stored document stays a Document, which the Spring Data converter reads back into a view
            Map<String, Object> opened = object instanceof Document ? new Document() : new LinkedHashMap<>();
            object.forEach((name, value) -> opened.put(name, openNode(fieldAt, path + name, value)));
            return opened;
        }

        @SuppressWarnings("unchecked")
        private Object openNode(Function<String, PersonalField> fieldAt, String path, Object node) {
            if (node instanceof Map<?, ?> map && map.containsKey("subjectId") && map.containsKey("ciphertext")
                    && SEALED_KEYS.containsAll(map.keySet())) {
                return open(new Sealed((String) map.get("subjectId"), (String) map.get("ciphertext")),
                        fieldAt.apply(path));
            }
            if (node instanceof Map<?, ?> map) {
                return openObject(fieldAt, path + ".", (Map<String, Object>) map);
            }
            if (node instanceof List<?> list) {
                List<Object> opened = new ArrayList<>();
                list.forEach(item -> opened.add(openNode(fieldAt, path, item)));
                return opened;
            }
            return node;
        }

        private Optional<SecretKey> keyOf(String subjectId) {
            SubjectKeys.KeyLookup found = keys.find(subjectId);
            if (found instanceof SubjectKeys.KeyLookup.Present present) {
                return Optional.of(present.key());
            }
            if (found instanceof SubjectKeys.KeyLookup.Destroyed) {
                return Optional.empty();
            }
            throw new IllegalStateException("no key is stored for data subject " + subjectId + ": its personal "
                    + "data cannot be read (was the subject key store replaced or lost?)");
        }
    }
}
