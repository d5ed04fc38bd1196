/**
 * The messages of identity-service: organisations, user accounts and API clients, the events it
 * records (its commands are beside it). Grants and revocations are events so that who could act, and
 * when, is part of the audit; other services may read them from the shared stream. Credentials never
 * appear here: events are immutable and shared with every service. Change events only by adding
 * optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.identity;
