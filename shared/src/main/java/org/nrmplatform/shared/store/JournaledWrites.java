package org.nrmplatform.shared.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every write the services make is acknowledged only once it is in the store's journal (write concern
 * {@code j:true}), on MongoDB as on the embedded store (its write-ahead log): a 2xx means the event is durably
 * stored, and a processor's token is never on the disk without the projection writes and events before it.
 * A write concern given in {@code nrm.store.uri} (e.g. {@code w=majority} on a replica set) is kept, with the
 * journal added where it does not say.
 *
 * <p>What event processors write is the exception: their projection writes ({@link #PROJECTIONS}), tokens and
 * sagas ({@link #processing}) are acknowledged from memory. Nothing is acknowledged to a person on the strength
 * of them, and a crash of the store cannot leave a token on the disk without the projection writes before it
 * (a journal is written in order): it can only take back a tail of the processing, which the processor then does
 * again from its stored token, over events that are on the disk (it reads with read concern {@code majority}).
 * No sync per event or per batch is what keeps processors and rebuilds fast.
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

    /** The service database as Axon's token and saga stores write it: in memory first (see the class comment). */
    static MongoDatabase processing(MongoClient client, String database) {
        MongoDatabase journaled = client.getDatabase(database);
        return journaled.withWriteConcern(inMemoryFirst(journaled.getWriteConcern()));
    }

    /** Spring Data's templates write in memory first inside a tracking processor's batch, journaled elsewhere. */
    static final BeanPostProcessor PROJECTIONS = new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof MongoTemplate template) {
                template.setWriteConcernResolver(action -> {
                    WriteConcern configured = action.getDefaultWriteConcern() != null
                            ? action.getDefaultWriteConcern() : template.getDb().getWriteConcern();
                    boolean inBatch = CurrentUnitOfWork.isStarted()
                            && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?>;
                    return inBatch ? inMemoryFirst(configured) : configured;
                });
            }
            return bean;
        }
    };

    /**
     * For a write whose durability a later journaled write of the same unit of work brings: both journals are
     * written in order, so syncing the later write syncs this one. On a write concern beyond one server
     * ({@code w=majority}) it changes nothing.
     */
    public static WriteConcern inMemoryFirst(WriteConcern configured) {
        return configured.getWObject() == null || Integer.valueOf(1).equals(configured.getWObject())
                ? configured.withJournal(false) : configured;
    }
}
