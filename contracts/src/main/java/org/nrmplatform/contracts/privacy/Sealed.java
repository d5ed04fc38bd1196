package org.nrmplatform.contracts.privacy;

/**
 * A personal value as events store it: encrypted (AES-256-GCM) with the data key of its data subject,
 * which lives only in the subject key store. {@code ciphertext} is base64 of the 12-byte nonce followed by
 * the ciphertext and tag; the subject id and the field ({@link PersonalField}) are bound as additional data,
 * so a value cannot be opened for another subject or passed off as another field. Once the subject's key
 * is destroyed (erasure), nothing opens it. Null in an event means the value was not given.
 */
public record Sealed(String subjectId, String ciphertext) {
}
