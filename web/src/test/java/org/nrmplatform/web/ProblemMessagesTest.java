package org.nrmplatform.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The API answers in English; the page says what went wrong in the person's language, beside the field it
 * concerns, and keeps the API's own words where they name the rule. Against a small HTTP server standing in for
 * the gateway, answering the prosecutor's legal basis with the problems the services answer.
 */
@SpringBootTest(properties = "nrm.web.client-secret=a-secret-for-tests-only-0123456789abcdef")
@AutoConfigureMockMvc
class ProblemMessagesTest {

    static final String INVALID = "11111111-1111-4111-8111-111111111111";
    static final String ERASED = "22222222-2222-4222-8222-222222222222";
    static final String BUSY = "33333333-3333-4333-8333-333333333333";
    static final Map<String, String> PROBLEMS = Map.of(
            INVALID, "400 {\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"'reference' must not be blank; 'requestedBy' size must be between 1 and 200\","
                    + "\"errors\":[{\"field\":\"reference\",\"message\":\"must not be blank\"},"
                    + "{\"field\":\"requestedBy\",\"message\":\"size must be between 1 and 200\"}]}",
            ERASED, "409 {\"type\":\"about:blank\",\"title\":\"Not possible in the current state\",\"status\":409,"
                    + "\"detail\":\"The case's personal data is erased\"}",
            BUSY, "409 {\"type\":\"about:blank\",\"title\":\"Concurrent change\",\"status\":409,"
                    + "\"detail\":\"The record was changed by another request at the same time\"}");

    static final HttpServer GATEWAY = gateway();

    static HttpServer gateway() {
        try {
            HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            gateway.createContext("/api/cases/", exchange -> {
                String caseId = exchange.getRequestURI().getPath().split("/")[3];
                String[] problem = PROBLEMS.get(caseId).split(" ", 2);
                byte[] body = problem[1].getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(Integer.parseInt(problem[0]), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            gateway.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        SessionStoreForTests.register(registry);
        registry.add("nrm.web.api", () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        GATEWAY.stop(0);
    }

    @Autowired
    MockMvc pages;

    @Test
    void aValidationErrorIsSaidBesideEachFieldInMacedonian() throws Exception {
        pages.perform(legalBasis(INVALID).header("Accept-Language", "mk"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Дел од внесеното не може да се прифати"),
                        containsString("Пополнете го ова поле."),
                        containsString("Внесете меѓу 1 и 200 знаци"),
                        containsString("id=\"reference-error\""),
                        // the API's list of fields is said beside each field, not repeated in English above them
                        not(containsString("must not be blank")))));
    }

    @Test
    void aConflictWithTheCasesStateIsSaidInMacedonianWithTheApisWordsBeside() throws Exception {
        pages.perform(legalBasis(ERASED).header("Accept-Language", "mk"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Записот не е во состојба што го дозволува овој чекор."),
                        containsString("Платформата одговори:"),
                        containsString("<span lang=\"en\">The case&#39;s personal data is erased</span>"))));
    }

    @Test
    void aConcurrentChangeAsksToRepeatTheStepInThePersonsLanguage() throws Exception {
        pages.perform(legalBasis(BUSY).header("Accept-Language", "sq"))
                .andExpect(content().string(containsString("Dikush e ndryshoi këtë regjistrim në të njëjtën kohë")));
        pages.perform(legalBasis(BUSY).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Someone changed this record at the same time")));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder legalBasis(String caseId) {
        return post("/prosecution/cases/" + caseId + "/legal-basis").param("reference", "").param("requestedBy", "")
                .with(csrf()).with(prosecutor());
    }

    private static RequestPostProcessor prosecutor() {
        return oauth2Login().attributes(attributes -> attributes.put("sub", "prosecutor-1"))
                .authorities(new SimpleGrantedAuthority("ROLE_prosecutor"));
    }
}
