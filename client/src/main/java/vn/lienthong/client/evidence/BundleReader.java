package vn.lienthong.client.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a bundle's zip within {@link BundleLimits}: counts every uncompressed byte as it
 * comes, refuses unsafe or repeated names, hashes envelopes as they stream and keeps only the
 * smaller documents in memory. Hostile zips end in a refusal finding; only input that cannot
 * be read as a zip at all raises an exception.
 */
final class BundleReader {

    private static final int BUFFER = 64 * 1024;

    private final BundleLimits limits;

    BundleReader(BundleLimits limits) {
        this.limits = limits;
    }

    /** @throws ZipException when the input is not a zip, or a corrupt one */
    BundleContents read(InputStream bundle) throws IOException {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        Map<String, byte[]> envelopes = new LinkedHashMap<>();
        List<BundleContents.StoredEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(bundle, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                Finding refusal = refusal(entries.size() + 1, name, names);
                if (refusal != null) {
                    return new BundleContents(documents, envelopes, entries, total, refusal);
                }
                boolean envelope = EvidenceBundleLayout.isEnvelopeEntry(name);
                long limit = envelope || entry.isDirectory() ? limits.maxEntrySize()
                        : Math.min(limits.maxEntrySize(), limits.maxDocumentSize());
                Drained drained = drain(zip, envelope, limit, limits.maxTotalSize() - total);
                total += drained.size();
                if (drained.size() > limit) {
                    return new BundleContents(documents, envelopes, entries, total, tooLarge(name, limit, envelope));
                }
                if (total > limits.maxTotalSize()) {
                    return new BundleContents(documents, envelopes, entries, total, new Finding(FindingCode.BUNDLE_LIMIT_EXCEEDED,
                            "the bundle's entries come to more than " + limits.maxTotalSize()
                                    + " bytes uncompressed (a zip bomb, or raise --max-total-size)"));
                }
                entries.add(new BundleContents.StoredEntry(name, drained.crc(), drained.size()));
                if (envelope) {
                    envelopes.put(name, drained.content());
                } else if (!entry.isDirectory()) {
                    documents.put(name, drained.content());
                }
            }
        } catch (IllegalArgumentException badName) {
            // ZipInputStream reports an entry name that is not UTF-8 this way.
            throw new ZipException("not a readable zip: an entry name is not UTF-8 (" + badName.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new ZipException("not a zip archive, or one without entries");
        }
        return new BundleContents(documents, envelopes, entries, total, null);
    }

    /**
     * Compares the entries read from the stored data with those the zip's central directory
     * lists, which is what {@code unzip} and file managers show: a crafted zip can make the two
     * differ, and the bundle a person extracts must be the one that was verified.
     */
    BundleContents crossCheckDirectory(Path bundle, BundleContents read) throws IOException {
        Map<String, BundleContents.StoredEntry> stored = new HashMap<>();
        read.entries().forEach(entry -> stored.put(entry.name(), entry));
        List<String> differences = new ArrayList<>();
        int listed = 0;
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                listed++;
                BundleContents.StoredEntry match = stored.get(entry.getName());
                if (match == null) {
                    differences.add(entry.getName() + " is listed but not stored");
                } else if (match.size() != entry.getSize() || (match.size() > 0 && match.crc() != entry.getCrc())) {
                    differences.add(entry.getName() + " is listed with other content than stored");
                }
            }
        }
        if (listed != read.entries().size() && differences.isEmpty()) {
            differences.add(read.entries().size() + " entries are stored, " + listed + " listed");
        }
        if (differences.isEmpty()) {
            return read;
        }
        return read.refusedBy(new Finding(FindingCode.BUNDLE_DIRECTORY_MISMATCH, "the zip's central directory does not match "
                + "its stored entries (" + String.join("; ", differences.subList(0, Math.min(5, differences.size())))
                + "): zip tools would show other contents than were verified"));
    }

    private @Nullable Finding refusal(int position, String name, Set<String> names) {
        if (position > limits.maxEntries()) {
            return new Finding(FindingCode.BUNDLE_LIMIT_EXCEEDED, "the bundle has more than " + limits.maxEntries()
                    + " entries (a zip bomb, or a dossier larger than the limit)");
        }
        String unsafe = unsafeName(name);
        if (unsafe != null) {
            return new Finding(FindingCode.BUNDLE_ENTRY_NAME_UNSAFE, "entry " + printable(name) + " has " + unsafe
                    + ": extracted, it could land outside the bundle's folder; the bundle is refused");
        }
        if (!names.add(name)) {
            return new Finding(FindingCode.BUNDLE_DUPLICATE_ENTRY, "entry " + name
                    + " appears twice: zip tools would disagree about which one is in the bundle; the bundle is refused");
        }
        return null;
    }

    /** Why a name is unsafe to extract or ambiguous across file systems, or null when it is fine. */
    static @Nullable String unsafeName(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.startsWith("/")) {
            return "an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (name.indexOf(':') >= 0) {
            return "a colon (a drive or an alternate data stream on Windows)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "a control character";
            }
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if ("..".equals(segment)) {
                return "a '..' segment";
            }
            if (".".equals(segment)) {
                return "a '.' segment";
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return "an empty segment";
            }
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder("'");
        name.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    private static Finding tooLarge(String name, long limit, boolean envelope) {
        String raise = envelope ? "raise --max-entry-size" : "documents other than envelopes are held in memory";
        return new Finding(FindingCode.BUNDLE_LIMIT_EXCEEDED, "entry " + name + " is larger than " + limit
                + " bytes uncompressed (a zip bomb, or " + raise + "); the bundle is refused");
    }

    /** An entry read to its end or just past a limit: its size, CRC-32, and its bytes or, for an envelope, its SHA-256. */
    private record Drained(long size, long crc, byte[] content) {
    }

    private static Drained drain(InputStream entry, boolean digestOnly, long limit, long totalLeft) throws IOException {
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(digestOnly ? 0 : 4096);
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int n = entry.read(buffer); n >= 0; n = entry.read(buffer)) {
            size += n;
            if (size > limit || size > totalLeft) {
                return new Drained(size, 0, new byte[0]);
            }
            crc.update(buffer, 0, n);
            if (digestOnly) {
                sha256.update(buffer, 0, n);
            } else {
                kept.write(buffer, 0, n);
            }
        }
        return new Drained(size, crc.getValue(), digestOnly ? sha256.digest() : kept.toByteArray());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
