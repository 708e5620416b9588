package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zips built to attack whoever opens them: names that escape the folder, zip bombs, entries
 * that zip tools would read differently. Each is refused before anything in it is parsed, as
 * a finding, and every other check is reported as not run.
 */
class EvidenceHostileZipTest {

    @TempDir
    Path folder;

    private final EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();

    /** A zip with an entry "../evil" / refused, nothing else checked. */
    @Test
    void pathTraversalEntryRefusesTheBundle() throws IOException {
        bundle.files.put("../evil", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));

        Verdict verdict = verify(BundleLimits.DEFAULT);

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_ENTRY_NAME_UNSAFE);
        assertThat(verdict.findings().get(0).message()).isEqualTo("entry '../evil' has a '..' segment: extracted, it "
                + "could land outside the bundle's folder; the bundle is refused");
        assertThat(verdict.checks()).filteredOn(check -> check.check() != Check.BUNDLE)
                .extracting(CheckResult::status).containsOnly(CheckResult.Status.SKIPPED);
        assertThat(verdict.verified()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "envelopes/../../evil.xml", "/etc/cron.d/evil", "..\\evil", "C:evil", "envelopes//x.xml",
            "./ledger.jsonl", "a\u0000b", ""})
    void unsafeNamesAreNamed(String name) {
        assertThat(BundleReader.unsafeName(name)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger.jsonl", "envelopes/", "envelopes/1-tutorial_0001.xml", "receipts/12-a..b.xml", "...xml"})
    void safeNamesPass(String name) {
        assertThat(BundleReader.unsafeName(name)).isNull();
    }

    /** An envelope entry of 8 MiB of zeros (a few KB compressed) against a 1 MiB entry limit / refused. */
    @Test
    void oversizedEntryIsAZipBomb() throws IOException {
        bundle.files.put("envelopes/7-bomb.xml", new byte[8 * 1024 * 1024]);
        byte[] zip = bundle.zip();
        assertThat(zip.length).isLessThan(100_000);

        Verdict verdict = verify(BundleLimits.DEFAULT.withMaxEntrySize(1024 * 1024));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_LIMIT_EXCEEDED);
        assertThat(verdict.findings().get(0).message()).isEqualTo("entry envelopes/7-bomb.xml is larger than 1048576 bytes "
                + "uncompressed (a zip bomb, or raise --max-entry-size); the bundle is refused");
    }

    /** Many entries each under the entry limit, together over the total limit / refused. */
    @Test
    void totalSizeIsBounded() throws IOException {
        for (int i = 0; i < 10; i++) {
            bundle.files.put("envelopes/" + (10 + i) + "-filler.xml", new byte[200_000]);
        }

        Verdict verdict = verify(BundleLimits.DEFAULT.withMaxTotalSize(1_000_000));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_LIMIT_EXCEEDED);
        assertThat(verdict.findings().get(0).message()).startsWith("the bundle's entries come to more than 1000000 bytes");
    }

    /** More entries than allowed / refused. */
    @Test
    void entryCountIsBounded() throws IOException {
        Verdict verdict = verify(BundleLimits.DEFAULT.withMaxEntries(5));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_LIMIT_EXCEEDED);
        assertThat(verdict.findings().get(0).message()).startsWith("the bundle has more than 5 entries");
    }

    /** A ledger larger than what is held in memory / refused, even though envelopes of that size would pass. */
    @Test
    void documentsHeldInMemoryHaveTheirOwnLimit() throws IOException {
        Verdict verdict = verify(BundleLimits.DEFAULT.withMaxDocumentSize(100));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_LIMIT_EXCEEDED);
        assertThat(verdict.findings().get(0).message()).startsWith("entry ledger.jsonl is larger than 100 bytes");
    }

    /** Two entries named ledger.jsonl, the second a forgery / refused: unzip and this verifier could read different ones. */
    @Test
    void duplicateEntryNames() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(EvidenceBundleLayout.LEDGER, bundle.ledger());
        entries.put("ledger.jsonX", "{}\n".getBytes(StandardCharsets.UTF_8));
        entries.putAll(bundle.files);
        byte[] zip = replaceAll(EvidenceBundleFixture.zip(entries), "ledger.jsonX", EvidenceBundleLayout.LEDGER);

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE)
                .verify(Files.write(folder.resolve("bundle.zip"), zip));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_DUPLICATE_ENTRY);
        assertThat(verdict.findings().get(0).message()).startsWith("entry ledger.jsonl appears twice");
    }

    /** A zip whose central directory names an entry otherwise than its local header / refused: tools would show other files. */
    @Test
    void centralDirectoryThatDisagreesWithTheStoredEntries() throws IOException {
        byte[] zip = bundle.zip();
        byte[] name = EvidenceBundleLayout.README.getBytes(StandardCharsets.US_ASCII);
        int inDirectory = lastIndexOf(zip, name);
        zip[inDirectory + name.length - 1] = 'X';

        Verdict verdict = new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE)
                .verify(Files.write(folder.resolve("bundle.zip"), zip));

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.BUNDLE_DIRECTORY_MISMATCH);
        assertThat(verdict.findings().get(0).message()).contains("README.txX is listed but not stored")
                .endsWith("zip tools would show other contents than were verified");
    }

    private Verdict verify(BundleLimits limits) throws IOException {
        return new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE, limits).verify(bundle.write(folder));
    }

    private static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, bytes, i, replacement.length);
            }
        }
        return bytes;
    }

    private static int lastIndexOf(byte[] bytes, byte[] needle) {
        for (int i = bytes.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
