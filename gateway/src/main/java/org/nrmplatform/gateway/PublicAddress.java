package org.nrmplatform.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

import org.nrmplatform.accesstokens.SecurityProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells every service the platform's public address (the issuer, {@code nrm.security.issuer}), so that the
 * redirects and links a service builds (identity-service's sign-in page, the web application's pages) stay at
 * the gateway and never name a service's own port. The services read these headers
 * ({@code server.forward-headers-strategy: framework}); whatever a caller sent under the same names is dropped,
 * so nobody can make a service redirect elsewhere. {@code X-Forwarded-For} names the caller's address as the
 * gateway's connection sees it, so that identity-service's sign-in throttle counts callers, not the gateway.
 * With no trusted proxies configured, the gateway's own filters remove every forwarded header (which is why
 * identity-service redirected to its own port); this filter runs after them, on the headers as they are sent
 * to the service.
 */
@Component
class PublicAddress implements HttpHeadersFilter, Ordered {

    private static final List<String> FORWARDED = List.of("Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto",
            "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-For", "X-Forwarded-Ssl");

    private final String host;
    private final String proto;
    private final String port;

    PublicAddress(SecurityProperties security) {
        URI address = security.issuer();
        this.proto = address.getScheme();
        int explicit = address.getPort();
        this.port = String.valueOf(explicit != -1 ? explicit : "https".equals(proto) ? 443 : 80);
        this.host = address.getHost() + (explicit != -1 ? ":" + explicit : "");
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        FORWARDED.forEach(headers::remove);
        headers.set("X-Forwarded-Host", host);
        headers.set("X-Forwarded-Proto", proto);
        headers.set("X-Forwarded-Port", port);
        // the caller's own address, never one it claims: identity-service throttles sign-ins per source address
        InetSocketAddress caller = exchange.getRequest().getRemoteAddress();
        if (caller != null && caller.getAddress() != null) {
            headers.set("X-Forwarded-For", caller.getAddress().getHostAddress());
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
