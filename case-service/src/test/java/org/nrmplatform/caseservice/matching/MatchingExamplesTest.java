package org.nrmplatform.caseservice.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nrmplatform.shared.testing.EmbeddedStore;

/** The examples of the same person, and of persons who only look alike, as the index scores them. */
class MatchingExamplesTest {

    private static final BlindIndexKey KEY = new BlindIndexKey(EmbeddedStore.TEST_MATCHING_KEY);
    private static final double THRESHOLD = 8.0;
    private static final LocalDate BORN = LocalDate.of(1998, 3, 14);

    private static BlindIndex ana(String given, String family) {
        return BlindIndex.of(KEY, given, family, BORN, "Feminine", List.of("RS"));
    }

    @Test
    void latinCyrillicAndNoDiacriticsFoldToOneName() {
        assertThat(NameForms.folded("Petrović")).containsExactly("petrovic");
        assertThat(NameForms.folded("Petrovic")).containsExactly("petrovic");
        assertThat(NameForms.folded("Петровић")).containsExactly("petrovic");
        assertThat(NameForms.folded("PETROVIĆ")).containsExactly("petrovic");
        assertThat(NameForms.folded("Đorđević")).containsExactly("djordjevic");
        assertThat(NameForms.folded("Ђорђевић")).containsExactly("djordjevic");
        assertThat(NameForms.folded("Djordjevic")).containsExactly("djordjevic");
        assertThat(NameForms.folded("Jovanović-Šarić")).containsExactly("jovanovic", "saric");
    }

    /** Letters one Cyrillic letter stands for are the two the Latin spelling writes, not one letter of the two. */
    @Test
    void cyrillicLettersWrittenAsTwoInLatinFoldToThoseTwo() {
        assertThat(NameForms.folded("Љиљана Његовановић")).containsExactly("ljiljana", "njegovanovic");
        assertThat(NameForms.folded("ЉИЉАНА")).isEqualTo(NameForms.folded("Ljiljana"));
        assertThat(NameForms.folded("Џеко")).isEqualTo(NameForms.folded("Džeko")).containsExactly("dzeko");
        assertThat(NameForms.folded("Ѓорѓи Ќосевски")).isEqualTo(NameForms.folded("Gjorgji Kjosevski"));
        assertThat(NameForms.folded("Ѕвездана")).isEqualTo(NameForms.folded("Dzvezdana"));
        assertThat(MatchScore.of(ana("Љиљана", "Његовановић"), ana("Ljiljana", "Njegovanović")))
                .isEqualTo(MatchScore.of(ana("Ljiljana", "Njegovanović"), ana("Ljiljana", "Njegovanović")));
    }

    @Test
    void theSamePersonInAnyScriptOrSpellingIsAPossibleMatch() {
        BlindIndex first = ana("Ana", "Petrović");
        for (BlindIndex again : List.of(ana("Ana", "Petrovic"), ana("Ана", "Петровић"), ana("ANA", "PETROVIĆ"),
                ana("Ana", "Petrovich"), ana("Anna", "Petrović"), ana("Petrović", "Ana"))) {
            assertThat(MatchScore.of(first, again)).as(again.toString()).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(MatchScore.of(again, first)).isEqualTo(MatchScore.of(first, again));
        }
        // the date of birth unknown on one side: names, sex and citizenship still tell
        assertThat(MatchScore.of(first, BlindIndex.of(KEY, "Ана", "Петровић", null, "Feminine", List.of("RS"))))
                .isGreaterThanOrEqualTo(THRESHOLD);
    }

    @Test
    void personsWhoOnlyLookAlikeAreNot() {
        BlindIndex first = ana("Ana", "Petrović");
        assertThat(MatchScore.of(first, BlindIndex.of(KEY, "Ana", "Petrović", LocalDate.of(1979, 7, 2), "Feminine",
                List.of("RS")))).as("another year of birth").isLessThan(THRESHOLD);
        assertThat(MatchScore.of(first, ana("Ana", "Pavlović"))).as("another family name").isLessThan(THRESHOLD);
        assertThat(MatchScore.of(first, ana("Milica", "Petrović"))).as("another given name").isLessThan(THRESHOLD);
        assertThat(MatchScore.of(first, BlindIndex.of(KEY, "Ana", "Petrović", BORN, "Masculine", List.of("RS"))))
                .as("another sex, one year of birth: a sibling's name would not be this").isLessThan(
                        MatchScore.of(first, ana("Ana", "Petrović")));
    }

    @Test
    void theIndexHoldsDigestsOnly() {
        BlindIndex index = ana("Ana", "Petrović");
        assertThat(index.familyNames()).hasSize(1).allSatisfy(digest -> assertThat(digest).hasSize(43)
                .doesNotContainIgnoringCase("petrov"));
        assertThat(index.familyNames()).isEqualTo(ana("Ana", "Петровић").familyNames());
        assertThat(new BlindIndexKey("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").digest(BlindIndex.NAME, "petrovic"))
                .as("another installation's key gives other digests").isNotEqualTo(index.familyNames().get(0));
    }
}
