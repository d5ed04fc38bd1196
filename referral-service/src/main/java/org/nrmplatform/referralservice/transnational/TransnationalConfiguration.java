package org.nrmplatform.referralservice.transnational;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableConfigurationProperties(TransnationalProperties.class)
class TransnationalConfiguration {

    @Bean
    Installation installation(TransnationalProperties properties, MongoTemplate mongo) {
        InstallationKeys.SigningKey key = InstallationKeys.load(mongo);
        return new Installation(properties.installationId(), properties.country(), key.keyId(), key.keys());
    }

    @Bean
    Peers peers(TransnationalProperties properties) {
        return new Peers(properties);
    }
}
