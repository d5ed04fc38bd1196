package org.nrmplatform.identityservice.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nrmplatform.shared.domain.RuleViolation;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"short-Pa55!", "Password1234", "123456789012", "xx-Ana.Petrovic-xx", "QwertyQwerty"})
    void refusesWeakPasswordsNamingTheField(String password) {
        assertThatThrownBy(() -> policy.check("ana.petrovic", password))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.field()).isEqualTo("password");
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.RULE_NOT_MET);
                });
    }

    @Test
    void refusesAnAbsurdlyLongPassword() {
        assertThatThrownBy(() -> policy.check("ana", "x".repeat(129))).isInstanceOf(RuleViolation.class);
    }

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThatCode(() -> policy.check("ana.petrovic", "river boat at dawn 1987")).doesNotThrowAnyException();
    }
}
