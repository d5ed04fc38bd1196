package org.nrmplatform.shared.privacy;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sealing of personal data and the read log, for the services that record or read it (imported by
 * case-service and referral-service; identity-service holds no data subject's data). Starting without a
 * valid {@code nrm.privacy.master-key} fails with the property's name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    @Bean
    SubjectKeys subjectKeys(MongoClient client, PrivacyProperties properties) {
        return new MongoSubjectKeys(client, properties.keyDatabase(), MasterKey.fromBase64(properties.masterKey()));
    }

    @Bean
    PersonalData personalData(SubjectKeys keys) {
        return new PersonalData(keys);
    }

    /** Events recorded before sealing read in today's shape (README, "Upgrading"). */
    @Bean
    ClearPersonalFields clearPersonalFields(PersonalData personalData) {
        return new ClearPersonalFields(personalData);
    }

    @Bean
    PersonalDataReads personalDataReads(EventStorageEngine events, Clock clock) {
        return new PersonalDataReads(events, clock);
    }
}
