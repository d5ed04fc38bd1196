/**
 * Personal data in events: the {@link org.nrmplatform.contracts.privacy.Sealed} value that stands for a
 * personal field, the list of such fields, and the read log's event. Commands carry clear text; the
 * aggregate that records an event seals its personal fields (org.nrmplatform.shared.privacy).
 */
package org.nrmplatform.contracts.privacy;
