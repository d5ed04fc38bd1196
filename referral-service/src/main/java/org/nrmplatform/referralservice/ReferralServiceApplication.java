package org.nrmplatform.referralservice;

import org.nrmplatform.shared.privacy.PrivacyConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Referrals, deadlines, transnational referrals, provider directory. */
@SpringBootApplication
@Import(PrivacyConfiguration.class)
public class ReferralServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferralServiceApplication.class, args);
    }
}
