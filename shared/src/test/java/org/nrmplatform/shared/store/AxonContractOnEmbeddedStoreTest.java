package org.nrmplatform.shared.store;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Axon's storage-engine suite on the embedded store as {@code infra/nrm} runs it (module {@code embedded-store}:
 * the H2 file backend with its value-ordered unique indexes), on a file in a temporary directory.
 */
@ExtendWith(TestStore.EmbeddedFileStore.class)
class AxonContractOnEmbeddedStoreTest extends AxonEngineContract {
}
