package org.nrmplatform.shared.store;

import org.junit.jupiter.api.extension.ExtendWith;

/** The storage behaviours on the embedded wire-protocol server the platform runs on by default. */
@ExtendWith(TestStore.EmbeddedServer.class)
class EmbeddedStorageTest extends StorageBehaviour {
}
