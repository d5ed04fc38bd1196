package org.nrmplatform.shared.web;

import org.nrmplatform.accesstokens.SecurityProperties;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A service's OpenAPI document names one server: the platform's public address ({@code nrm.security.issuer}, the
 * gateway's), whoever asks and however. Built from the request, it named the service's own port to anyone reading
 * the document there, and whatever a forwarded header claimed.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.ServerBaseUrlCustomizer")
@EnableConfigurationProperties(SecurityProperties.class)
public class PublicApiAddress {

    @Bean
    ServerBaseUrlCustomizer publicAddressOnly(SecurityProperties security) {
        String publicAddress = security.issuer().toString();
        return (fromTheRequest, request) -> publicAddress;
    }
}
