package org.nrmplatform.shared.store;

import org.junit.jupiter.api.extension.ExtendWith;
import org.nrmplatform.shared.testing.RequiresDocker;

/** Axon's storage-engine suite on a real MongoDB. Needs Docker; without it the class is skipped and says why. */
@RequiresDocker
@ExtendWith(TestStore.ReplicaSet.class)
class AxonContractOnReplicaSetTest extends AxonEngineContract {
}
