package org.nrmplatform.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree a checkpoint signs: one leaf per aggregate stream, its {@link StreamHead}, sorted by
 * aggregate identifier, hashed as RFC 9162 (Certificate Transparency) section 2.1 hashes a log: leaf
 * {@code SHA-256(0x00 || RFC 8785 JSON of the head)}, node {@code SHA-256(0x01 || left || right)}, split at
 * the largest power of two below the size. An inclusion proof (RFC 9162 section 2.1.3) shows that one stream's
 * head is in the signed tree without the other streams, so an export proves where its streams ended at the
 * checkpoint: events removed from the end of a stream, or a whole stream, are detectable.
 */
public final class HeadTree {

    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private final List<StreamHead> heads;
    private final List<byte[]> leaves;

    private HeadTree(List<StreamHead> heads) {
        this.heads = heads;
        this.leaves = heads.stream().map(HeadTree::leafHash).toList();
    }

    /** The tree over these heads, sorted here by aggregate identifier (which must be unique). */
    public static HeadTree of(List<StreamHead> heads) {
        List<StreamHead> sorted = new ArrayList<>(heads);
        sorted.sort(Comparator.comparing(StreamHead::aggregateIdentifier));
        return new HeadTree(Collections.unmodifiableList(sorted));
    }

    public int size() {
        return heads.size();
    }

    public List<StreamHead> heads() {
        return heads;
    }

    /** The root, lowercase hex. */
    public String root() {
        return Canonical.hex(hash(0, leaves.size()));
    }

    /** The position of a stream's head among the leaves, or -1 when the tree has none for it. */
    public int indexOf(String aggregateIdentifier) {
        return Collections.binarySearch(heads, new StreamHead(aggregateIdentifier, 0, null),
                Comparator.comparing(StreamHead::aggregateIdentifier));
    }

    /** The inclusion proof of leaf {@code index}: sibling hashes from the leaf up, lowercase hex. */
    public List<String> proof(int index) {
        List<String> path = new ArrayList<>();
        path(index, 0, leaves.size(), path);
        return path;
    }

    private void path(int index, int from, int to, List<String> path) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = split(n);
        if (index < k) {
            path(index, from, from + k, path);
            path.add(Canonical.hex(hash(from + k, to)));
        } else {
            path(index - k, from + k, to, path);
            path.add(Canonical.hex(hash(from, from + k)));
        }
    }

    private byte[] hash(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return Canonical.sha256();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return Canonical.sha256(NODE, hash(from, from + k), hash(from + k, to));
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static byte[] leafHash(StreamHead head) {
        return Canonical.sha256(LEAF, head.canonicalForm());
    }

    /**
     * Whether {@code proof} shows {@code head} as leaf {@code index} of a tree of {@code size} leaves with this
     * {@code root} (RFC 9162 section 2.1.3.2).
     */
    public static boolean proves(StreamHead head, long index, long size, List<String> proof, String root) {
        if (index < 0 || index >= size || proof == null || !EventHash.wellFormed(root)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash(head);
        for (String sibling : proof) {
            if (sn == 0 || !EventHash.wellFormed(sibling)) {
                return false;
            }
            byte[] p = HexFormat.of().parseHex(sibling);
            if ((fn & 1) == 1 || fn == sn) {
                r = Canonical.sha256(NODE, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = Canonical.sha256(NODE, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Canonical.hex(r).equals(root);
    }
}
