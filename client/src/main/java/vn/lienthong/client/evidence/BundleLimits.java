package vn.lienthong.client.evidence;

/**
 * How much of a zip the verifier reads before refusing it, so that a crafted bundle (a zip
 * bomb) cannot exhaust memory, disk or time. Sizes are uncompressed bytes.
 *
 * @param maxEntries most entries (files and folders) in the zip
 * @param maxEntrySize largest single entry; envelopes are hashed as they stream and never held
 * @param maxTotalSize most bytes of all entries together
 * @param maxDocumentSize largest entry held in memory: the ledger, the head, the certificates,
 *                        each receipt and the informational files
 */
public record BundleLimits(int maxEntries, long maxEntrySize, long maxTotalSize, long maxDocumentSize) {

    private static final long MIB = 1024 * 1024;

    /** Room for a dossier of thousands of envelopes of up to 512 MiB each; 2 GiB in all. */
    public static final BundleLimits DEFAULT = new BundleLimits(20_000, 512 * MIB, 2048 * MIB, 32 * MIB);

    public BundleLimits {
        if (maxEntries < 3 || maxEntrySize < 1 || maxTotalSize < 1 || maxDocumentSize < 1) {
            throw new IllegalArgumentException("bundle limits must be positive and allow the three required entries: "
                    + maxEntries + " entries, " + maxEntrySize + " bytes per entry, " + maxTotalSize + " in total, "
                    + maxDocumentSize + " per document");
        }
    }

    public BundleLimits withMaxEntrySize(long bytes) {
        return new BundleLimits(maxEntries, bytes, maxTotalSize, maxDocumentSize);
    }

    public BundleLimits withMaxTotalSize(long bytes) {
        return new BundleLimits(maxEntries, maxEntrySize, bytes, maxDocumentSize);
    }

    public BundleLimits withMaxEntries(int entries) {
        return new BundleLimits(entries, maxEntrySize, maxTotalSize, maxDocumentSize);
    }

    public BundleLimits withMaxDocumentSize(long bytes) {
        return new BundleLimits(maxEntries, maxEntrySize, maxTotalSize, bytes);
    }
}
