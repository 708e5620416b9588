package vn.lienthong.client.evidence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What was read from a bundle's zip, or why it was refused.
 *
 * @param documents entries held in memory, by name: everything but the envelopes
 * @param envelopeSha256 the SHA-256 of each envelope entry, by name, computed while it streamed
 * @param entries every entry as stored, in order, for comparing with the central directory
 * @param refusal the finding that stopped the reading; the other fields then hold what was read before it
 */
record BundleContents(Map<String, byte[]> documents, Map<String, byte[]> envelopeSha256, List<StoredEntry> entries,
                      long totalBytes, @Nullable Finding refusal) {

    /** An entry as stored: its name, the CRC-32 and size of its uncompressed bytes. */
    record StoredEntry(String name, long crc, long size) {
    }

    BundleContents {
        documents = Map.copyOf(documents);
        envelopeSha256 = Map.copyOf(envelopeSha256);
        entries = List.copyOf(entries);
    }

    Optional<byte[]> document(String name) {
        return Optional.ofNullable(documents.get(name));
    }

    boolean refused() {
        return refusal != null;
    }

    BundleContents refusedBy(Finding finding) {
        return new BundleContents(documents, envelopeSha256, entries, totalBytes, finding);
    }
}
