package org.nrmplatform.caseservice.retention;

import java.time.LocalDate;

/**
 * What a case's recorded legal bases say of its proceedings: how many are open, and the day the last one
 * ended (null when none has).
 */
public record Proceedings(int open, LocalDate lastEndedOn) {

    public static final Proceedings NONE = new Proceedings(0, null);
}
