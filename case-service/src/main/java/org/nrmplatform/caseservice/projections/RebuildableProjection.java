package org.nrmplatform.caseservice.projections;

/**
 * A projection that can be rebuilt while it serves: its event handlers can be bound to any version's
 * collection, so that a second instance can build the next version beside the one answering reads.
 */
public interface RebuildableProjection {

    /** The processing group of its live processor, also the name operators use. */
    String name();

    /** The collection of version 1; later versions add {@code _v<N>} (see {@link ProjectionVersions}). */
    String baseCollection();

    /** A fresh event handler writing into {@code collection} only, for a rebuild processor. */
    Object handlerFor(String collection);
}
