/**
 * Emergency situations: a raid, an inspection, a large arrival or a rescue in which a group of persons is found
 * together. The situation is a record of its own ({@link EmergencySituation}); its persons are registered rapidly
 * in one request ({@link GroupRegistration}), each becoming a case opened as any other and linked to it, to be
 * completed later through the case's normal forms ({@link EmergencyCaseList}). docs/architecture.md, decision 46.
 */
package org.nrmplatform.caseservice.emergencies;
