package org.nrmplatform.shared.store;

import org.junit.jupiter.api.extension.ExtendWith;

/** Axon's storage-engine suite on the in-memory wire-protocol server the other storage tests use. */
@ExtendWith(TestStore.EmbeddedServer.class)
class AxonContractOnEmbeddedServerTest extends AxonEngineContract {
}
