package org.nrmplatform.contracts.cases;

import java.time.LocalDate;
import java.util.List;

/**
 * The person a case is about. {@code sex} is an HTCDS prs_Gender value; {@code citizenship} holds
 * ISO 3166-1 alpha-2 codes. Names and date of birth are personal data.
 */
public record DataSubject(String givenName, String familyName, LocalDate dateOfBirth, AgeCategory ageCategory,
                          String sex, List<String> citizenship) {
}
