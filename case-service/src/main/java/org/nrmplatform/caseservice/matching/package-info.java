/**
 * The same person across agencies, without clear text (issue 18, point 6): a blind index of each case's data
 * subject (keyed HMACs of folded names, their phonetic keys, date and year of birth, sex and citizenship) kept
 * by {@link org.nrmplatform.caseservice.matching.PersonIndex}, scored against the other cases of the
 * installation by {@link org.nrmplatform.caseservice.matching.PossibleMatches}, and the link or dismissal of a
 * possible match recorded on both cases. README, "The same person across agencies"; docs/architecture.md.
 */
package org.nrmplatform.caseservice.matching;
