package org.nrmplatform.caseservice;

import org.nrmplatform.shared.privacy.PrivacyConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Cases through identification, consent, reflection and closure; their views and history. */
@SpringBootApplication
@Import(PrivacyConfiguration.class)
public class CaseServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseServiceApplication.class, args);
    }
}
