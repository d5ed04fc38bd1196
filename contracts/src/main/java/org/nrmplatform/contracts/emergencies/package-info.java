/**
 * The messages of emergency situations: a raid, an inspection, a large arrival or a rescue in which a group of
 * persons is found together and registered rapidly, each person becoming a case linked to the situation (that
 * link is a case event, {@link org.nrmplatform.contracts.cases.CaseEvents.CaseRegisteredInEmergency}). Events are
 * the permanent record: change them only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.emergencies;
