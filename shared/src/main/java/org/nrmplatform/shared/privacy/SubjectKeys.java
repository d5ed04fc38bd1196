package org.nrmplatform.shared.privacy;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The data keys of data subjects, one per subject (a case; an incoming transnational referral), kept apart
 * from the data they encrypt. Destroying a key erases every value sealed with it, wherever it is stored
 * (events, projections, backups of either). {@link MongoSubjectKeys} keeps them wrapped with the master key in
 * a database of their own; a KMS can implement the same interface.
 */
public interface SubjectKeys {

    /**
     * The subject's key, created on first use; empty when it has been destroyed (a destroyed subject never
     * gets a new key).
     */
    Optional<SecretKey> obtain(String subjectId);

    /**
     * The subject's key as stored: present, destroyed, or unknown (never created).
     */
    KeyLookup find(String subjectId);

    /**
     * Destroys the subject's key, for good; a subject without a key gets a tombstone so that none can be
     * created later. Idempotent.
     *
     * @return true when this call destroyed it, false when it was destroyed before
     */
    boolean destroy(String subjectId);

    /** What the store holds for a subject. */
    sealed interface KeyLookup {
        record Present(SecretKey key) implements KeyLookup {
        }

        record Destroyed() implements KeyLookup {
        }

        record Unknown() implements KeyLookup {
        }
    }
}
