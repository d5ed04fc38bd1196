/**
 * The messages of service providers' standards and capacity (issue 19, point 3), which referral-service records
 * on one stream per provider organisation ({@code ProviderEvents#streamOf}): its services with their capacity,
 * its licences or accreditations with their expiry and the alert before it, the monitoring visits with a finding
 * per item of the minimum service standards, corrective actions and their follow-up, and the public funding it
 * received. Every event names its {@code organisationId}. No event holds a person's data: notes describe the
 * service, never a victim or a member of staff. Events are the permanent record: change them only by adding
 * optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.providers;
