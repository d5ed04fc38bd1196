package org.nrmplatform.embeddedstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.util.Comparator;

/**
 * The key type of a unique index's map: stored as {@link BsonObjectType} stores it, but compared by value. H2 compares a class it does not know ({@link KeyValue}) by Java-serializing both sides on every
 * comparison, so each index lookup cost a dozen serializations: in a profile of the event store benchmark, over
 * half of all CPU time. Values compare as MongoDB orders them (mongo-java-server's own comparator), which is
 * also what makes two keys the same for a unique index.
 */
final class IndexKeyType extends BsonObjectType {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    private IndexKeyType() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int sizes = Integer.compare(left.size(), right.size());
            for (int i = 0; sizes == 0 && i < left.size(); i++) {
                sizes = VALUES.compare(left.get(i), right.get(i));
            }
            return sizes;
        }
        return super.compare(a, b);
    }
}
