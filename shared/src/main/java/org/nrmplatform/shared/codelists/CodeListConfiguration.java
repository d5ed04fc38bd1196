package org.nrmplatform.shared.codelists;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class CodeListConfiguration {

    @Bean
    CodeLists codeLists() {
        return CodeLists.load();
    }
}
