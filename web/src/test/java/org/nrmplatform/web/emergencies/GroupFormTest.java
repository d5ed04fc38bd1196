package org.nrmplatform.web.emergencies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The rapid group form becomes the API's request: each filled block a person with its own request id, codes in the
 * API's case, answers only where asked; an empty block is not sent, and a refusal naming {@code persons[n]} finds the
 * block it came from.
 */
class GroupFormTest {

    @Test
    void filledBlocksArePersonsAndEmptyOnesAreLeftOut() {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("rows", "3");
        typed.add("detectingSector", "POLICE");
        typed.add("p0.caseId", "0c1d0000-0000-4000-8000-000000000000");
        typed.add("p0.temporaryReference", " W-1 ");
        typed.add("p0.sex", "Masculine");
        typed.add("p0.ageCategory", "ADULT");
        typed.add("p0.citizenship", "in, np");
        typed.add("p0.languages", "PA HI");
        typed.add("p0.immediateNeeds", "MEDICAL");
        typed.add("p0.immediateNeeds", "INTERPRETER");
        typed.add("p0.answer.RAP-01", "PRESENT");
        typed.add("p0.answer.RAP-02", "");
        typed.add("p1.caseId", "0c1d0000-0000-4000-8000-000000000001");
        typed.add("p1.ageCategory", "ADULT");
        typed.add("p2.caseId", "0c1d0000-0000-4000-8000-000000000002");
        typed.add("p2.sex", "Feminine");
        typed.add("p2.ageCategory", "CHILD");
        GroupForm form = new GroupForm(typed);

        Map<String, Object> request = form.request("2026-12-07T08:00:00Z");
        assertThat(request).containsEntry("detectingSector", "POLICE").containsEntry("screenedAt", "2026-12-07T08:00:00Z");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> persons = (List<Map<String, Object>>) request.get("persons");
        assertThat(persons).hasSize(2);
        assertThat(persons.get(0)).containsEntry("caseId", "0c1d0000-0000-4000-8000-000000000000")
                .containsEntry("temporaryReference", "W-1").containsEntry("citizenship", List.of("IN", "NP"))
                .containsEntry("languages", List.of("pa", "hi"))
                .containsEntry("immediateNeeds", List.of("MEDICAL", "INTERPRETER"))
                .containsEntry("rapidAnswers", Map.of("RAP-01", "PRESENT"));
        assertThat(persons.get(1)).containsEntry("caseId", "0c1d0000-0000-4000-8000-000000000002")
                .containsEntry("ageCategory", "CHILD").containsEntry("temporaryReference", null);
        assertThat(form.sentIndex()).containsExactly(0, -1, 1);
    }

    @Test
    void theNumberOfBlocksStaysWithinTheApisLimit() {
        assertThat(GroupForm.rows(null)).isEqualTo(GroupForm.ROWS);
        assertThat(GroupForm.rows("many")).isEqualTo(GroupForm.ROWS);
        assertThat(GroupForm.rows("0")).isEqualTo(1);
        assertThat(GroupForm.rows("500")).isEqualTo(50);
        assertThat(GroupForm.fresh(3)).containsKeys("p0.caseId", "p1.caseId", "p2.caseId");
        assertThat(GroupForm.fresh(2).get("p0.caseId")).isNotEqualTo(GroupForm.fresh(2).get("p1.caseId"));
    }
}
