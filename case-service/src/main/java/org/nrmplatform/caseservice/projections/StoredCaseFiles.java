package org.nrmplatform.caseservice.projections;

import org.bson.Document;
import org.nrmplatform.caseservice.cases.CaseFile;
import org.springframework.data.mongodb.core.convert.MongoConverter;

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
}
