package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.client.evidence.EvidenceBundleFixture.Keys;

/**
 * Ledgers changed after the gateway signed their head. Each test takes the valid six-entry
 * bundle (ACCEPTED, TAKEN, ACCEPTED, OVERDUE, ACCEPTED, APOLOGY_OWED), changes the ledger as
 * a forger would, and checks the verdict names exactly what happened.
 */
class EvidenceLedgerTamperingTest {

    @TempDir
    Path folder;

    private final EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();

    /** Changes one byte of entry 4 (its due date) / the chain breaks at entry 5, which names entry 4. */
    @Test
    void changedMiddleEntryBreaksTheChainAtTheNextEntry() throws IOException {
        bundle.lines.set(3, bundle.lines.get(3).replace("\"dueAt\":\"2026-12-01", "\"dueAt\":\"2026-12-03"));

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_CHAIN_BROKEN);
        assertThat(verdict.findings().get(0).message()).isEqualTo("entry 5 does not match the chain: its prev is not "
                + "the hash of entry 4 (entry 4 changed, or an entry was removed or moved)");
        assertThat(verdict.verified()).isFalse();
    }

    /** Changes entry 2 and recomputes every prev after it, without the gateway's key / the head no longer matches. */
    @Test
    void changedEntryWithTheChainRecomputedNoLongerMatchesTheSignedHead() throws IOException {
        bundle.lines.set(1, bundle.lines.get(1).replace("\"by\":\"" + EvidenceBundleFixture.LAND, "\"by\":\"000.00.09.H53"));
        bundle.rechainFrom(3);

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_HEAD_MISMATCH);
        assertThat(verdict.findings().get(0).message()).isEqualTo("the last entry's hash does not match the signed head "
                + "(the last entry changed, or entries were removed from the end)");
    }

    /** Removes entry 4 (OVERDUE) / a seq gap, a broken link and a count that differs from the head's. */
    @Test
    void removedMiddleEntry() throws IOException {
        bundle.lines.remove(3);

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactlyInAnyOrder(FindingCode.LEDGER_SEQ_GAP,
                FindingCode.LEDGER_CHAIN_BROKEN, FindingCode.LEDGER_COUNT_MISMATCH);
        assertThat(verdict.findings()).extracting(Finding::message).contains(
                "entry 4: seq 5 follows seq 3 (the entry with seq 4 was removed)",
                "entry 4 does not match the chain: its prev is not the hash of entry 3 (entry 3 changed, or an entry was removed or moved)",
                "the ledger has 5 entries, the signed head says 6 (entries were removed after the head was signed)");
    }

    /** Removes the last entry (APOLOGY_OWED), which leaves a chain that is whole / the head's count and hash differ. */
    @Test
    void removedLastEntry() throws IOException {
        bundle.lines.remove(5);

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.LEDGER_COUNT_MISMATCH, FindingCode.LEDGER_HEAD_MISMATCH);
        assertThat(verdict.findings()).extracting(Finding::message).contains("the last entry's hash does not match the "
                + "signed head (the last entry changed, or entries were removed from the end)");
    }

    /** Removes the first entry / the ledger starts at seq 2, and its envelope and receipt lose their entry. */
    @Test
    void removedFirstEntry() throws IOException {
        bundle.lines.remove(0);

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).contains(FindingCode.LEDGER_SEQ_GAP,
                FindingCode.LEDGER_CHAIN_BROKEN, FindingCode.LEDGER_COUNT_MISMATCH, FindingCode.ENVELOPE_UNREFERENCED,
                FindingCode.RECEIPT_UNREFERENCED);
        assertThat(verdict.findings()).extracting(Finding::message).contains(
                "entry 1 has seq 2, but a ledger starts at seq 1 (the entries before it were removed)",
                "entry 1 does not start the chain: its prev is not 64 zeros (the entries before it were removed)");
    }

    /** Swaps entries 2 and 3 / out of order, and the links around them break. */
    @Test
    void twoEntriesSwapped() throws IOException {
        Collections.swap(bundle.lines, 1, 2);

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsOnly(FindingCode.LEDGER_OUT_OF_ORDER,
                FindingCode.LEDGER_CHAIN_BROKEN);
        assertThat(verdict.findings()).filteredOn(finding -> finding.code() == FindingCode.LEDGER_OUT_OF_ORDER)
                .extracting(Finding::message)
                .containsExactly("entries are out of order: entry 2 has seq 3 after seq 1 (entries were moved)");
        assertThat(verdict.findings()).extracting(Finding::message).contains("entry 2 does not match the chain: its prev "
                + "is the hash of entry 3, not of entry 1 (entries were removed, duplicated or moved)");
    }

    /** Copies entry 2 right after itself / seq repeats, the copy's link breaks, one entry too many. */
    @Test
    void duplicatedEntry() throws IOException {
        bundle.lines.add(2, bundle.lines.get(1));

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactlyInAnyOrder(FindingCode.LEDGER_SEQ_REPEATED,
                FindingCode.LEDGER_CHAIN_BROKEN, FindingCode.LEDGER_COUNT_MISMATCH);
        assertThat(verdict.findings()).extracting(Finding::message).contains(
                "entry 3 repeats seq 2 of entry 2 (an entry was duplicated)",
                "the ledger has 7 entries, the signed head says 6 (entries were added after the head was signed)");
    }

    /** Appends a well-chained entry after the head was signed / the head names an earlier entry. */
    @Test
    void entryAppendedAfterSigning() throws IOException {
        bundle.append("TAKEN", ",\"envelope\":\"tax-answer-0003\",\"by\":\"" + EvidenceBundleFixture.LAND + "\"");

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.LEDGER_COUNT_MISMATCH, FindingCode.LEDGER_HEAD_MISMATCH);
        assertThat(verdict.findings()).extracting(Finding::message).contains("the signed head is the hash of entry 6, "
                + "not of the last entry 7 (entries were added after the head was signed, or moved)");
    }

    /** Converts the ledger's line endings to CRLF / said as such, besides the chain it breaks. */
    @Test
    void crlfLineEndingsAreNamed() throws IOException {
        bundle.lines.replaceAll(line -> line + "\r");

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).contains(FindingCode.LEDGER_LINE_ENDING);
        assertThat(verdict.findings()).extracting(Finding::message).contains("entry 1 ends with a carriage return: the "
                + "line endings were converted to CRLF, which changes every hash (the gateway writes LF only)");
    }

    /** Signs a head over a ledger whose last line lacks its line feed / only that is reported. */
    @Test
    void missingFinalLineFeed() throws IOException {
        byte[] ledger = bundle.ledger();
        bundle.includeLedger = false;
        bundle.files.put(EvidenceBundleLayout.LEDGER, Arrays.copyOf(ledger, ledger.length - 1));

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_LINE_ENDING);
    }

    /** Replaces entry 4 with text that is not JSON / the line is malformed and the next link breaks. */
    @Test
    void lineThatIsNotJson() throws IOException {
        bundle.lines.set(3, "not json at all");

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.LEDGER_ENTRY_MALFORMED, FindingCode.LEDGER_CHAIN_BROKEN);
        assertThat(verdict.findings().get(0).message()).startsWith("entry 4 is not JSON: ");
    }

    /** A correctly chained and signed ledger whose entry 2 has "seq" twice / refused: readers could disagree. */
    @Test
    void duplicateKeyInAnEntry() throws IOException {
        bundle.lines.set(1, bundle.lines.get(1).replace("\"by\":", "\"seq\":9,\"by\":"));
        resign();

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_ENTRY_MALFORMED);
        assertThat(verdict.findings().get(0).message()).startsWith("entry 2 is not JSON: Duplicate Object property \"seq\"");
    }

    /** A correctly chained and signed ledger whose entry 3 puts "event" before "at" / the v1 key order is checked. */
    @Test
    void keysOutOfOrder() throws IOException {
        String line = bundle.lines.get(2);
        String at = line.substring(line.indexOf(",\"at\":"), line.indexOf(",\"event\":"));
        String event = line.substring(line.indexOf(",\"event\":"), line.indexOf(",\"envelope\":"));
        bundle.lines.set(2, line.replace(at + event, event + at));
        resign();

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_ENTRY_MALFORMED);
        assertThat(verdict.findings().get(0).message()).startsWith("entry 3: its keys are not in the v1 order");
    }

    /** A correctly chained and signed ledger with an entry of another dossier / named. */
    @Test
    void entryOfAnotherDossier() throws IOException {
        bundle.lines.set(3, bundle.lines.get(3).replace(EvidenceBundleFixture.DOSSIER, "000.00.01.H53-261127-0002"));
        resign();

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_DOSSIER_MISMATCH);
        assertThat(verdict.findings().get(0).message()).isEqualTo("entry 4 names dossier 000.00.01.H53-261127-0002, "
                + "not " + EvidenceBundleFixture.DOSSIER + " (the head's)");
    }

    /** A correctly chained and signed ledger with an OVERDUE scope v1 does not know / the event is invalid. */
    @Test
    void knownEventWithAKeyOfTheWrongForm() throws IOException {
        bundle.lines.set(3, bundle.lines.get(3).replace("\"scope\":\"STEP\"", "\"scope\":\"WEEK\""));
        resign();

        Verdict verdict = verify();

        assertThat(verdict.findings()).extracting(Finding::code).containsExactly(FindingCode.LEDGER_EVENT_INVALID);
        assertThat(verdict.findings().get(0).message()).isEqualTo("entry 4 (OVERDUE): 'scope' is neither STEP nor DOSSIER: WEEK");
    }

    /** Appends 30 chained and signed TAKEN entries with an empty "by" / the first 20 findings listed, the rest counted. */
    @Test
    void oneFaultOnManyLinesIsCountedNotListed() throws IOException {
        for (int i = 0; i < 30; i++) {
            bundle.append("TAKEN", ",\"envelope\":\"tutorial:0001\",\"by\":\"\"");
        }
        resign();

        Verdict verdict = verify();

        assertThat(verdict.findings()).hasSize(Report.MAX_FINDINGS_PER_CODE + 1)
                .extracting(Finding::code).containsOnly(FindingCode.LEDGER_EVENT_INVALID);
        assertThat(verdict.findings().get(Report.MAX_FINDINGS_PER_CODE).message()).isEqualTo("… and 10 more like the above");
    }

    private void resign() {
        bundle.rechainFrom(2);
        bundle.signHead(Keys.GATEWAY);
    }

    private Verdict verify() throws IOException {
        return new EvidenceBundleVerifier(GatewayTrust.BUNDLE_CERTIFICATE).verify(bundle.write(folder));
    }
}
