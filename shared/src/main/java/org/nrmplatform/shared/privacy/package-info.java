/**
 * Personal data of data subjects: per-subject keys (crypto-shredding), sealing and opening of personal
 * fields, and the read log of who read which case's personal data.
 */
package org.nrmplatform.shared.privacy;
