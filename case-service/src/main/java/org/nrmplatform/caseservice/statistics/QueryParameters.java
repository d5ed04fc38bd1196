package org.nrmplatform.caseservice.statistics;

import java.util.List;
import org.nrmplatform.shared.web.ProblemResponses.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** How the statistics' requests read a query parameter, and refuse one: a 400 problem naming it. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** The one value given for {@code name}, stripped; refused if there is none, several, or a blank one. */
    static String single(String name, List<String> values) {
        if (values == null || values.size() != 1 || values.get(0).isBlank()) {
            throw invalid(name, "give exactly one value");
        }
        return values.get(0).strip();
    }

    static ResponseStatusException invalid(String parameter, String message) {
        ResponseStatusException invalid = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'" + parameter + "': " + message);
        invalid.getBody().setProperty("errors", List.of(new FieldProblem(parameter, message)));
        return invalid;
    }
}
