package org.nrmplatform.shared.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;

/**
 * Every write the services make is acknowledged only once it is in the store's journal (write concern
 * {@code j:true}), on MongoDB as on the embedded store (its write-ahead log): a 2xx means the event is durably
 * stored, and a processor's token is never on the disk without the projection writes and events before it.
 * A write concern given in {@code nrm.store.uri} (e.g. {@code w=majority} on a replica set) is kept, with the
 * journal added where it does not say.
 */
public final class JournaledWrites {

    private JournaledWrites() {
    }

    public static MongoClientSettings.Builder apply(MongoClientSettings.Builder settings) {
        WriteConcern configured = settings.build().getWriteConcern();
        if (configured.getJournal() == null) {
            settings.writeConcern(configured.withJournal(true));
        }
        return settings;
    }

    /**
     * For a write whose durability a later journaled write of the same unit of work brings: both journals are
     * written in order, so syncing the later write syncs this one. On a write concern beyond one server
     * ({@code w=majority}) it changes nothing.
     */
    static WriteConcern inMemoryFirst(WriteConcern configured) {
        return configured.getWObject() == null || Integer.valueOf(1).equals(configured.getWObject())
                ? configured.withJournal(false) : configured;
    }
}
