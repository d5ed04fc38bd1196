package org.nrmplatform.shared.store;

/**
 * A test seam in the append path, between taking global sequence numbers and inserting the events: a
 * test holds a commit back here, or throws to play a writer that dies before its insert.
 */
@FunctionalInterface
interface AppendHook {

    AppendHook NONE = (first, count) -> {
    };

    /** Called once the append has taken numbers {@code first} to {@code first + count - 1}. */
    void sequenced(long first, int count);
}
