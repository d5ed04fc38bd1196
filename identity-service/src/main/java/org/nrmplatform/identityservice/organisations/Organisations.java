package org.nrmplatform.identityservice.organisations;

import java.util.UUID;

/** Whether an organisation is registered: asked before an account or client is created in it. */
@FunctionalInterface
public interface Organisations {

    boolean registered(UUID organisationId);
}
