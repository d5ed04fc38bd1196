package org.nrmplatform.web.emergencies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.Submission;
import org.springframework.util.MultiValueMap;

/**
 * The rapid group form as the API's request: one block of fields per person ({@code p<i>.<field>}), each with the
 * id it was shown with ({@code p<i>.caseId}, the line's request id, so that sending the form again stores nobody
 * twice). A block left empty (no sex, no reference) is not sent; {@link #sentIndex} says which line of the request a
 * block became, for a refusal naming {@code persons[n].field} to be shown beside the block's field.
 */
final class GroupForm {

    /** Blocks the form shows at first, and at most (the API's limit). */
    static final int ROWS = 5;
    static final int MAX_ROWS = 50;

    private final MultiValueMap<String, String> form;
    private final int rows;

    GroupForm(MultiValueMap<String, String> form) {
        this.form = form;
        this.rows = rows(form.getFirst("rows"));
    }

    /** How many blocks: the form's {@code rows}, between 1 and {@value #MAX_ROWS}, else {@value #ROWS}. */
    static int rows(String asked) {
        try {
            int rows = Integer.parseInt(asked == null ? "" : asked.strip());
            return Math.max(1, Math.min(MAX_ROWS, rows));
        } catch (NumberFormatException notANumber) {
            return ROWS;
        }
    }

    int rows() {
        return rows;
    }

    /** A fresh request id for every block, as the empty form is shown. */
    static Map<String, String> fresh(int rows) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            values.put("p" + i + ".caseId", UUID.randomUUID().toString());
            values.put("p" + i + ".ageCategory", "ADULT");
        }
        return values;
    }

    /** What was typed, field by field (the first value of each), to show the form again. */
    Map<String, String> typed() {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, values) -> typed.put(name, values.isEmpty() ? null : values.get(0)));
        return typed;
    }

    /** The ticked needs of a block, to show the form again. */
    List<String> needs(int row) {
        return form.getOrDefault("p" + row + ".immediateNeeds", List.of());
    }

    /** Which line of the request each block became; -1 for a block left empty. */
    List<Integer> sentIndex() {
        List<Integer> index = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < rows; i++) {
            index.add(filled(i) ? next++ : -1);
        }
        return index;
    }

    /** The API's request: the group's fields and each filled block as a person. */
    Map<String, Object> request(Object screenedAt) {
        List<Map<String, Object>> persons = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (filled(i)) {
                persons.add(person(i));
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("detectingSector", Submission.typed(form.getFirst("detectingSector")));
        request.put("screenedAt", screenedAt);
        request.put("persons", persons);
        return request;
    }

    private boolean filled(int row) {
        return Submission.typed(value(row, "sex")) != null || Submission.typed(value(row, "temporaryReference")) != null;
    }

    private Map<String, Object> person(int row) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("caseId", Submission.typed(value(row, "caseId")));
        person.put("temporaryReference", Submission.typed(value(row, "temporaryReference")));
        person.put("sex", Submission.typed(value(row, "sex")));
        person.put("ageCategory", Submission.typed(value(row, "ageCategory")));
        person.put("citizenship", codes(value(row, "citizenship")).stream().map(String::toUpperCase).toList());
        person.put("languages", codes(value(row, "languages")).stream().map(String::toLowerCase).toList());
        person.put("immediateNeeds", needs(row));
        Map<String, String> answers = new LinkedHashMap<>();
        String prefix = "p" + row + ".answer.";
        form.forEach((name, values) -> {
            if (name.startsWith(prefix) && !values.isEmpty() && Submission.typed(values.get(0)) != null) {
                answers.put(name.substring(prefix.length()), values.get(0));
            }
        });
        person.put("rapidAnswers", answers);
        return person;
    }

    private String value(int row, String field) {
        return form.getFirst("p" + row + "." + field);
    }

    private static List<String> codes(String typed) {
        return typed == null ? List.of() : Arrays.stream(typed.split("[,\\s]+")).filter(code -> !code.isBlank())
                .toList();
    }
}
