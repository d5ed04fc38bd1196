package org.nrmplatform.caseservice.projections;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A projection that can be rebuilt while it serves, and owns one {@link VersionedCollection}. The bean is
 * the live instance: its handlers write the current version. A rebuild runs a copy of it bound to the next
 * version's collection ({@link #handlerFor}), so that the current version keeps answering until the next has
 * caught up. Subclasses keep only their event handlers, writing to {@link #target()}; their name is their
 * {@link ProcessingGroup}, and their readers use {@link #collection()}.
 *
 * <p>A copy shares every field with the bean but the target ({@link Object#clone()}): the fields are the
 * projection's collaborators (templates, keys), none holds what one version has written.
 */
public abstract class RebuildableProjection implements Cloneable {

    private final MongoTemplate mongo;
    private final VersionedCollection collection;
    /** The collection a rebuild's copy writes; {@code null} in the live instance, which writes the current one. */
    private String rebuildTarget;

    /** {@code baseCollection}: the collection of version 1, kept from before versioning existed. */
    protected RebuildableProjection(MongoTemplate mongo, ProjectionVersions versions, String baseCollection) {
        ProcessingGroup group = getClass().getAnnotation(ProcessingGroup.class);
        if (group == null) {
            throw new IllegalStateException(getClass() + " needs a @ProcessingGroup: it names the projection");
        }
        this.mongo = mongo;
        this.collection = new VersionedCollection(group.value(), baseCollection, versions);
    }

    /** The processing group of its live processor, also the name operators use. */
    public final String name() {
        return collection.projection();
    }

    /** The handle readers hold: the collection now serving reads. */
    public final VersionedCollection collection() {
        return collection;
    }

    /** Where this instance's handlers write: the current version, or the version its rebuild builds. */
    protected final String target() {
        return rebuildTarget == null ? collection.current() : rebuildTarget;
    }

    /** A fresh event handler writing into {@code target} only, for a rebuild processor. */
    final Object handlerFor(String target) {
        try {
            RebuildableProjection copy = (RebuildableProjection) clone();
            copy.rebuildTarget = target;
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("a projection implements Cloneable", e);
        }
    }

    @ResetHandler
    void reset() {
        String target = target();
        if (mongo.collectionExists(target)) { // the embedded server refuses to drop a missing collection
            mongo.dropCollection(target);
        }
        dropped(target);
    }

    /** Forgets what the instance knew of {@code target}, dropped by a reset; nothing by default. */
    protected void dropped(String target) {
    }
}
