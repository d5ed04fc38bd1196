/**
 * The events of a case, which case-service records, and their value types (its commands are beside it). Events are
 * the permanent record and are read by other services from the shared stream; change them only by
 * adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.cases;
