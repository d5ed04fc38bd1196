package org.nrmplatform.contracts.cases;

/**
 * Why an action that discloses or destroys personal data is lawful, as the requester stated it:
 * {@code reference} names the proceedings or legal provision (a court case number, an erasure request under
 * GDPR Art. 17), {@code requestedBy} who asked for it (a court, a prosecutor's office, the data subject).
 * Recorded in the event of the action itself, so the history shows it beside who acted.
 */
public record LegalBasis(String reference, String requestedBy) {
}
