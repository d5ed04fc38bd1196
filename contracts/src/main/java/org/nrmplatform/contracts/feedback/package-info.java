/**
 * The messages of survivor feedback: what the person thought of the assistance received, recorded on a case by its
 * case manager or given by the person through a one-time link. Events are the permanent record: change them only by
 * adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.feedback;
