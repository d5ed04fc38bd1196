package org.nrmplatform.caseservice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.AgeCategory;
import org.nrmplatform.caseservice.cases.CaseCommands.CloseCase;
import org.nrmplatform.caseservice.cases.CaseCommands.OpenCase;
import org.nrmplatform.contracts.cases.DataSubject;
import org.nrmplatform.contracts.cases.ScreeningLocation;
import org.nrmplatform.contracts.identity.Role;
import org.nrmplatform.contracts.privacy.PersonalField;
import org.nrmplatform.contracts.privacy.Sealed;
import org.nrmplatform.shared.privacy.PersonalData;
import org.nrmplatform.shared.privacy.SubjectKeys;
import org.nrmplatform.shared.security.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The cost of sealing on the command path, in one run: the same commands (open a case with names and a date of
 * birth, close it with a note) through the command bus into the embedded store, alternately with sealing on
 * (the subject's key created and looked up in the key store, AES-GCM per field) and off (the clear text put in
 * the sealed value as it is, no key store). Rounds alternate so that warm-up and store growth hit both alike.
 * Run with {@code mvn -B -o -pl case-service -am -Pbenchmark test -Dtest=EncryptionOverheadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class EncryptionOverheadBenchmark extends ApiTest {

    private static final int ROUNDS = 6;
    private static final int CASES_PER_ROUND = 300;

    @TestConfiguration
    static class Switchable {
        @Bean
        @Primary
        SwitchablePersonalData switchablePersonalData(SubjectKeys keys) {
            return new SwitchablePersonalData(keys);
        }
    }

    /** Seals as in production, or, switched off, wraps the clear text without a key or a cipher. */
    static class SwitchablePersonalData extends PersonalData {
        volatile boolean sealing = true;

        SwitchablePersonalData(SubjectKeys keys) {
            super(keys);
        }

        @Override
        public Sealed seal(String subjectId, PersonalField field, String clear) {
            if (sealing || clear == null) {
                return super.seal(subjectId, field, clear);
            }
            return new Sealed(subjectId, clear);
        }
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    SwitchablePersonalData personalData;

    @Test
    void sealingOnAndOff() {
        var metaData = new Actor("user-1", "client-1", POLICE, "police", "RS",
                java.util.Set.of(Role.FIRST_LINE, Role.CASE_MANAGER)).toMetadata();
        run(true, 200, metaData);
        run(false, 200, metaData);
        double[] on = new double[ROUNDS];
        double[] off = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            on[round] = run(true, CASES_PER_ROUND, metaData);
            off[round] = run(false, CASES_PER_ROUND, metaData);
        }
        double meanOn = mean(on);
        double meanOff = mean(off);
        System.out.printf("command path, %d rounds of %d cases (open + close, 4 sealed fields each):%n", ROUNDS,
                CASES_PER_ROUND);
        System.out.printf("  sealing on : %8.0f µs per case (%6.0f cases/s)%n", meanOn, 1e6 / meanOn);
        System.out.printf("  sealing off: %8.0f µs per case (%6.0f cases/s)%n", meanOff, 1e6 / meanOff);
        System.out.printf("  overhead   : %8.0f µs per case (%+.1f %%)%n", meanOn - meanOff,
                100 * (meanOn - meanOff) / meanOff);
    }

    /** Mean microseconds per case (open and close, sequentially through the command bus). */
    private double run(boolean sealing, int cases, java.util.Map<String, Object> metaData) {
        personalData.sealing = sealing;
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            UUID caseId = UUID.randomUUID();
            commands.sendAndWait(new OpenCase(caseId, "LABOUR_INSPECTION", Instant.now().minusSeconds(3600),
                    new ScreeningLocation("RS", "Novi Sad", null), new DataSubject("Ana", "Petrović " + i,
                    LocalDate.of(1994, 3, 2), AgeCategory.ADULT, "Feminine", List.of("AL")), POLICE));
            commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                    new CloseCase(caseId, "REINTEGRATED", "Employed and housed", null)).andMetaData(metaData));
        }
        return (System.nanoTime() - start) / 1e3 / cases;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
