package org.nrmplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A request whose body stops arriving is answered 504 at the deadline: the route's response timeout would never
 * start, since it counts from the moment the request has been sent on in full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "nrm.gateway.request-deadline=PT2S")
class RequestDeadlineTest {

    private static final StubBackend caseService = new StubBackend("case-service");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        StubTokenIssuer.register(registry);
        registry.add("nrm.gateway.services.case-service", caseService::url);
        registry.add("nrm.gateway.services.referral-service", StubBackend::deadUrl);
        registry.add("nrm.gateway.services.identity-service", StubBackend::deadUrl);
    }

    @AfterAll
    static void stopBackends() {
        caseService.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aRequestWhoseBodyStallsIsA504AtTheDeadline() throws Exception {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout(20_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/cases HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + StubTokenIssuer.get().validToken() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"detectingSector\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and nothing more: 80 bytes of the body never come
            long start = System.nanoTime();
            InputStream in = client.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(answer).isEqualTo("HTTP/1.1 504");
            System.out.printf("stalled body answered after %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }
}
