package org.nrmplatform.contracts.cases;

/** Where the screening took place: ISO 3166-1 alpha-2 country, municipality, optional place. */
public record ScreeningLocation(String country, String municipality, String place) {
}
