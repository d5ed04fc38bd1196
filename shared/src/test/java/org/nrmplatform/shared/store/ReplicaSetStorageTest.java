package org.nrmplatform.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrmplatform.shared.testing.RequiresDocker;

/**
 * The same storage behaviours against a real MongoDB single-node replica set, so with transactions.
 * Needs Docker; without it the class is skipped and says why.
 */
@RequiresDocker
@ExtendWith(TestStore.ReplicaSet.class)
class ReplicaSetStorageTest extends StorageBehaviour {

    @Test
    void transactionsAreUsed() {
        assertThat(capabilities.transactions()).isTrue();
    }
}
