/**
 * The tamper-evidence of the event store, in plain Java (JDK, Jackson and the RFC 8785 canonicaliser only,
 * no Spring, Axon or MongoDB), so that the services and the offline verifier share one implementation:
 * the hash of a stored event ({@link org.nrmplatform.evidence.EventHash}), the Merkle tree over
 * stream heads ({@link org.nrmplatform.evidence.HeadTree}), signed checkpoints
 * ({@link org.nrmplatform.evidence.Checkpoint}), the verification of streams against them
 * ({@link org.nrmplatform.evidence.ChainVerification}) and the court export's format
 * ({@link org.nrmplatform.evidence.AuditExport}). The recipe is in docs/evidence.md.
 */
package org.nrmplatform.evidence;
