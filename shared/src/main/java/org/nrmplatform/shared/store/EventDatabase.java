package org.nrmplatform.shared.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.MongoDatabaseUtils;
import org.springframework.data.mongodb.SessionSynchronization;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event database as the storage engine reaches it. Appends, snapshots and aggregate reads join the
 * Spring-managed MongoDB transaction of the unit of work where there is one. The global sequence counter and
 * tracking reads stay outside transactions: MongoDB aborts a transaction that writes a document another open
 * transaction has written, so a counter inside transactions would fail every second concurrent append; and a
 * tracking cursor must outlive whichever transaction happened to open it.
 */
interface EventDatabase {

    /** The database bound to the active transaction, or the plain database when none is active. */
    MongoDatabase inTransaction();

    MongoDatabase outsideTransactions();

    /**
     * Registers an action to run once the active transaction has rolled back.
     *
     * @return false when no transaction is active, so nothing was registered
     */
    boolean afterRollback(Runnable action);

    /**
     * Runs an action once what the active transaction wrote is committed, or at once when no transaction is
     * active (what was written is then already durable).
     */
    void afterCommit(Runnable action);

    /** For a server without transactions (the embedded store, a standalone MongoDB). */
    static EventDatabase withoutTransactions(MongoClient client, String name) {
        MongoDatabase database = client.getDatabase(name);
        return new EventDatabase() {
            @Override
            public MongoDatabase inTransaction() {
                return database;
            }

            @Override
            public MongoDatabase outsideTransactions() {
                return database;
            }

            @Override
            public boolean afterRollback(Runnable action) {
                return false;
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }
        };
    }

    /** For a replica set or sharded cluster, with the factory whose transaction manager Axon uses. */
    static EventDatabase sessionBound(MongoClient client, MongoDatabaseFactory factory, String name) {
        MongoDatabase plain = client.getDatabase(name);
        return new EventDatabase() {
            @Override
            public MongoDatabase inTransaction() {
                return MongoDatabaseUtils.getDatabase(name, factory, SessionSynchronization.ON_ACTUAL_TRANSACTION);
            }

            @Override
            public MongoDatabase outsideTransactions() {
                return plain;
            }

            @Override
            public boolean afterRollback(Runnable action) {
                if (!MongoDatabaseUtils.isTransactionActive(factory)
                        || !TransactionSynchronizationManager.isSynchronizationActive()) {
                    return false;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status == STATUS_ROLLED_BACK) {
                            action.run();
                        }
                    }
                });
                return true;
            }

            @Override
            public void afterCommit(Runnable action) {
                if (!MongoDatabaseUtils.isTransactionActive(factory)
                        || !TransactionSynchronizationManager.isSynchronizationActive()) {
                    action.run();
                    return;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
            }
        };
    }
}
