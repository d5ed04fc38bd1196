package org.nrmplatform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case manager's form for a transnational referral, against a small HTTP server standing in for the gateway:
 * what the form sends is the API's request (the installation, the service's code, the local time as an instant),
 * and the person is told whether it was made or held for a second person's approval.
 */
@SpringBootTest(properties = "nrm.web.client-secret=a-secret-for-tests-only-0123456789abcdef")
@AutoConfigureMockMvc
class TransnationalReferralFormTest {

    static final String CASE = "5f0c2b1e-7d4e-4a55-9d55-0c7e3a1b2c3d";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The requests the stand-in gateway received, by the installation they name. */
    static final Map<String, JsonNode> RECEIVED = new ConcurrentHashMap<>();
    static final HttpServer GATEWAY = gateway();

    /** AL-NRM takes a referral at once (201); XK-NRM's are held for approval (202), as an installation may say. */
    static HttpServer gateway() {
        try {
            HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            gateway.createContext("/api/transnational-referrals", exchange -> {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                String installation = request.path("toInstallationId").asString();
                RECEIVED.put(installation, request);
                String id = request.path("transnationalReferralId").asString();
                boolean held = installation.equals("XK-NRM");
                String answer = held
                        ? "{\"approvalId\":\"7a1b2c3d-0000-4000-8000-000000000007\",\"transnationalReferralId\":\"" + id
                        + "\",\"caseId\":\"" + CASE + "\",\"action\":\"TRANSNATIONAL_REFERRAL\",\"status\":\"PENDING\"}"
                        : "{\"transnationalReferralId\":\"" + id + "\",\"direction\":\"OUTGOING\",\"status\":\"SENT\","
                        + "\"acknowledged\":false}";
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(held ? 202 : 201, body.length);
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
    void theFormSendsTheApisRequestAndSaysTheReferralWasMade() throws Exception {
        String id = "3c2b1a00-0000-4000-8000-000000000001";

        pages.perform(referral(id, "AL-NRM"))
                .andExpect(redirectedUrl("/cases/" + CASE + "#transnational"))
                .andExpect(flash().attribute("done", "casefile.transnational.made"))
                .andExpect(flash().attribute("transnationalReferral", Map.of("id", id, "status", "SENT")));

        JsonNode sent = RECEIVED.get("AL-NRM");
        assertThat(sent.path("transnationalReferralId").asString()).isEqualTo(id);
        assertThat(sent.path("caseId").asString()).isEqualTo(CASE);
        assertThat(sent.path("serviceType").asString()).isEqualTo("SAFE_ACCOMMODATION");
        assertThat(sent.path("urgency").asString()).isEqualTo("URGENT");
        // typed in the platform's local time (Belgrade, UTC+1 in winter), sent as an instant
        assertThat(sent.path("respondBy").asString()).isEqualTo("2030-01-15T09:30:00Z");
        assertThat(sent.path("note").asString()).isEqualTo("Speaks Albanian only");
    }

    @Test
    void aReferralTheInstallationHoldsIsSaidToBeSentForApproval() throws Exception {
        String id = "3c2b1a00-0000-4000-8000-000000000002";

        pages.perform(referral(id, "XK-NRM"))
                .andExpect(redirectedUrl("/cases/" + CASE + "#transnational"))
                .andExpect(flash().attribute("done", "approvals.sent"))
                .andExpect(flash().attribute("transnationalReferral", Map.of("id", id, "status", "PENDING")));
        assertThat(RECEIVED.get("XK-NRM").path("transnationalReferralId").asString()).isEqualTo(id);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder referral(
            String id, String installation) {
        return post("/cases/" + CASE + "/transnational-referrals").param("transnationalReferralId", id)
                .param("toInstallationId", " " + installation + " ").param("serviceType", "SAFE_ACCOMMODATION")
                .param("urgency", "URGENT").param("respondBy", "2030-01-15T10:30").param("note", "Speaks Albanian only")
                .with(csrf()).with(oauth2Login().attributes(attributes -> attributes.put("sub", "case-manager-1"))
                        .authorities(new SimpleGrantedAuthority("ROLE_case-manager")));
    }
}
