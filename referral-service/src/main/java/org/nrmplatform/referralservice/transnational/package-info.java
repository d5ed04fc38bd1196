/**
 * Transnational referrals (PRODUCT.md §3, point 5): a victim returning home is referred from one NRM
 * installation to another. A referral leaves as a signed, minimum-disclosure JSON {@link
 * org.nrmplatform.referralservice.transnational.Packet}; the receiving installation imports it through its API,
 * verifies it and answers with an acknowledgement and later an acceptance or decline, packets that travel back
 * the same way. Both installations keep every step as events of a
 * {@link org.nrmplatform.referralservice.transnational.TransnationalReferral}.
 *
 * <p>Each installation signs with one Ed25519 key, created on first start and stored in clear in
 * referral-service's own database ({@code installation_keys}): protecting it is the database's job, as for
 * identity-service's signing keys. Peers trust it by the key id and public key it publishes at
 * {@code GET /api/transnational-referrals/keys}, configured under {@code nrm.transnational.peers}.
 */
package org.nrmplatform.referralservice.transnational;
