/**
 * The tamper-evidence of the event store, in plain Java (JDK, Jackson and the RFC 8785 canonicaliser only,
 * no Spring, Axon or MongoDB), so that the services and the offline verifier share one implementation:
 * the hash of a stored event ({@link org.nrmplatform.shared.evidence.EventHash}), the Merkle tree over
 * stream heads ({@link org.nrmplatform.shared.evidence.HeadTree}), signed checkpoints
 * ({@link org.nrmplatform.shared.evidence.Checkpoint}), the verification of streams against them
 * ({@link org.nrmplatform.shared.evidence.ChainVerification}) and the court export's format
 * ({@link org.nrmplatform.shared.evidence.AuditExport}). The recipe is in docs/evidence.md.
 */
package org.nrmplatform.shared.evidence;
