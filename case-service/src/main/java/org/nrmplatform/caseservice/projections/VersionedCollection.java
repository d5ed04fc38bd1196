package org.nrmplatform.caseservice.projections;

/**
 * The handle on a rebuildable projection's collection: which collection serves reads now. Readers hold this,
 * never a collection name, because a rebuild switches the name under them (version 1 keeps the base name,
 * version N > 1 is {@code <base>_v<N>}; see {@link ProjectionVersions}).
 */
public final class VersionedCollection {

    private final String projection;
    private final String base;
    private final ProjectionVersions versions;

    public VersionedCollection(String projection, String base, ProjectionVersions versions) {
        this.projection = projection;
        this.base = base;
        this.versions = versions;
    }

    /** The projection's name, also its live processor's processing group. */
    public String projection() {
        return projection;
    }

    /** The collection that answers reads now and that the live processor writes. */
    public String current() {
        return versions.currentCollection(projection, base);
    }

    /** The collection of {@code version}, as a rebuild builds it or a switch-over drops it. */
    String ofVersion(int version) {
        return ProjectionVersions.collection(base, version);
    }
}
