package org.nrmplatform.referralservice.transnational;

import java.time.Clock;
import org.nrmplatform.shared.approvals.ApprovalProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableConfigurationProperties({TransnationalProperties.class, ApprovalProperties.class})
class TransnationalConfiguration {

    @Bean
    Installation installation(TransnationalProperties properties, MongoTemplate mongo, Clock clock) {
        InstallationKeys.SigningKey key = InstallationKeys.load(mongo, clock);
        return new Installation(properties.installationId(), properties.country(), key.keyId(), key.keys(), clock);
    }

    @Bean
    Peers peers(TransnationalProperties properties) {
        return new Peers(properties);
    }
}
