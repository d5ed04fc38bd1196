/** MongoDB storage for Axon: event store, token store, saga store and transactions. */
package org.nrmplatform.shared.store;
