package org.nrmplatform.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A backend service stand-in on a free loopback port. It records what it received and answers:
 * paths ending in {@code /problem} with a 422 problem, paths ending in {@code /slow} after two seconds,
 * anything else with 200 and a JSON body naming the service.
 */
final class StubBackend implements AutoCloseable {

    static final String PROBLEM_BODY = """
            {"type":"https://nrm.example/problems/invalid-referral","title":"Invalid referral",\
            "status":422,"detail":"Consent is missing","instance":"/api/referrals/r-1/problem"}""";

    record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final String service;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Received> received = new ConcurrentLinkedDeque<>();

    StubBackend(String service) {
        this(service, 0);
    }

    /** On the given loopback port (0: a free one), e.g. where a service that was down comes back. */
    StubBackend(String service, int port) {
        this.service = service;
        server = loopbackServer(port);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Received lastRequest() {
        return received.peekLast();
    }

    /**
     * An HTTP server on a free loopback port that answers without delay: the JDK server writes headers and body
     * separately, and with Nagle's algorithm on, the body then waits for the client's delayed ACK (~40 ms).
     * The JDK reads this property once, when it creates its first server.
     */
    static HttpServer loopbackServer() {
        return loopbackServer(0);
    }

    static HttpServer loopbackServer(int port) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A loopback URL where nothing listens. */
    static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        if (path.endsWith("/slow")) {
            sleepTwoSeconds();
        }
        if (path.endsWith("/problem")) {
            respond(exchange, 422, "application/problem+json", PROBLEM_BODY);
        }
        else {
            respond(exchange, 200, "application/json",
                    "{\"service\":\"%s\",\"path\":\"%s\",\"received\":%d}".formatted(service, path, body.length));
        }
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Served-By", service);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleepTwoSeconds() {
        try {
            Thread.sleep(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
