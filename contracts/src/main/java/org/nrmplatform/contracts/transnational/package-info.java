/**
 * The events of transnational referrals, recorded by referral-service on both installations: the sending
 * NRM's (OUTGOING, each event names the {@code caseId}, so that a case's history can include them) and the
 * receiving NRM's (INCOMING, no case id: the receiving side knows the person only by what the packet discloses).
 * Each event that sends or imports a packet holds the packet's signed JSON as it travelled, so the record can
 * be verified again later. Events are the permanent record: change them only by adding optional fields.
 */
package org.nrmplatform.contracts.transnational;
