package org.nrmplatform.contracts.cases;

import java.util.List;
import org.nrmplatform.contracts.privacy.Sealed;

/**
 * The data subject as events store it: names and date of birth (ISO date) sealed with the case's key; age
 * category, sex and citizenship, which statistics and referrals need and which do not identify the person on
 * their own, in clear. The command side's {@link DataSubject} is the same person in clear text.
 */
public record SealedDataSubject(Sealed givenName, Sealed familyName, Sealed dateOfBirth, AgeCategory ageCategory,
                                String sex, List<String> citizenship) {
}
