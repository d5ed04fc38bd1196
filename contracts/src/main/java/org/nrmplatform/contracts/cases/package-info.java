/**
 * The messages of a case: commands the case-service accepts and the events it records. Events are
 * the permanent record and are read by other services from the shared stream; change them only by
 * adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.cases;
