package org.nrmplatform.caseservice.projections;

import java.util.Objects;
import java.util.function.Function;
import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A view's stored document read back as the {@link CaseFile} it was written from, so that a projection can
 * fold the next event onto it with the case's one fold. A view keeps only part of the file; what it does not
 * keep reads as before any event set it (no version, not closed, not erased, nothing else), which no field
 * of that view depends on.
 */
public final class StoredCaseFiles {

    private StoredCaseFiles() {
    }

    public static CaseFile read(MongoConverter converter, Document stored) {
        Document file = stored == null ? new Document() : new Document(stored);
        file.putIfAbsent("version", 0L);
        file.putIfAbsent("closed", false);
        file.putIfAbsent("erased", false);
        return converter.read(CaseFile.class, file);
    }

    /**
     * The facts ({@code factsOf} the file) that {@code event} changes in the file stored as {@code stored}, as an
     * update setting each of them; empty when the event changes none.
     */
    public static Update factsChanged(MongoConverter converter, Document stored, Object event, CaseFile.EventMeta meta,
                                      Function<CaseFile, Document> factsOf) {
        CaseFile before = read(converter, stored);
        Document was = factsOf.apply(before);
        Update update = new Update();
        factsOf.apply(before.apply(event, meta)).forEach((fact, value) -> {
            if (!Objects.equals(value, was.get(fact))) {
                update.set(fact, value);
            }
        });
        return update;
    }
}
