package vn.lienthong.client.evidence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Step 3 of docs/EVIDENCE.md: the ledger's lines form one chain from seq 1, each linked to the
 * hash of the line before it, ending at the signed head. Entries are numbered by their line
 * (entry 1 is the first line); a message quotes seq separately when it matters.
 */
final class LedgerChain {

    static final String GENESIS = "0".repeat(64);

    private LedgerChain() {
    }

    static List<LedgerEntry> verify(byte[] ledger, @Nullable LedgerHead head, Report report) {
        List<LedgerEntry> entries = LedgerLines.read(ledger, report);
        checkSequence(entries, report);
        checkLinks(entries, report);
        checkDossier(entries, head, report);
        if (head != null) {
            checkAgainstHead(entries, head, report);
        }
        if (!report.failed(Check.LEDGER)) {
            int n = entries.size();
            report.passed(Check.LEDGER, n + (n == 1 ? " entry" : " entries") + ", seq 1 to " + n
                    + ", each linked to the hash of the one before"
                    + (head == null ? "; not compared with a signed head (none verified)"
                            : "; entry " + n + " hashes to the signed head"));
        }
        return entries;
    }

    /** seq must run 1, 2, 3… in line order; says whether a break is a removal, a copy or a move. */
    private static void checkSequence(List<LedgerEntry> entries, Report report) {
        TreeSet<Long> all = new TreeSet<>();
        entries.stream().map(LedgerEntry::seq).filter(Objects::nonNull).forEach(all::add);
        Map<Long, Integer> firstAt = new HashMap<>();
        boolean movesReported = false;
        LedgerEntry previous = null;
        for (LedgerEntry entry : entries) {
            Long seq = entry.seq();
            if (seq == null) {
                previous = null;
                continue;
            }
            Integer earlier = firstAt.putIfAbsent(seq, entry.position());
            if (previous == null && entry.position() == 1 && seq != 1) {
                report.fail(all.contains(1L) ? FindingCode.LEDGER_OUT_OF_ORDER : FindingCode.LEDGER_SEQ_GAP,
                        "entry 1 has seq " + seq + ", but a ledger starts at seq 1 ("
                                + (all.contains(1L) ? "entries were moved" : "the entries before it were removed") + ")");
                movesReported |= all.contains(1L);
            } else if (previous != null) {
                long before = Objects.requireNonNull(previous.seq());
                if (earlier != null) {
                    report.fail(FindingCode.LEDGER_SEQ_REPEATED, "entry " + entry.position() + " repeats seq " + seq
                            + " of entry " + earlier + " (an entry was duplicated)");
                } else if (seq < before || (seq > before + 1 && hasBetween(all, before, seq))) {
                    if (!movesReported) {
                        report.fail(FindingCode.LEDGER_OUT_OF_ORDER, "entries are out of order: entry " + entry.position()
                                + " has seq " + seq + " after seq " + before + " (entries were moved)");
                        movesReported = true;
                    }
                } else if (seq > before + 1) {
                    report.fail(FindingCode.LEDGER_SEQ_GAP, "entry " + entry.position() + ": seq " + seq + " follows seq "
                            + before + " (" + (seq == before + 2 ? "the entry with seq " + (before + 1) + " was"
                            : "the entries with seq " + (before + 1) + " to " + (seq - 1) + " were") + " removed)");
                }
            }
            previous = entry;
        }
    }

    private static boolean hasBetween(TreeSet<Long> all, long low, long high) {
        Long next = all.higher(low);
        return next != null && next < high;
    }

    /** Each prev must be the hash of the line before (64 zeros on the first line). */
    private static void checkLinks(List<LedgerEntry> entries, Report report) {
        Map<String, Integer> positionOfHash = new HashMap<>();
        entries.forEach(entry -> positionOfHash.putIfAbsent(entry.hash(), entry.position()));
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry entry = entries.get(i);
            String prev = entry.prev();
            if (prev == null) {
                continue; // LEDGER_ENTRY_MALFORMED says why
            }
            if (i == 0) {
                if (!GENESIS.equals(prev)) {
                    Integer linked = positionOfHash.get(prev);
                    report.fail(FindingCode.LEDGER_CHAIN_BROKEN, "entry 1 does not start the chain: its prev is not 64 zeros"
                            + (linked != null ? " but the hash of entry " + linked + " (entries were moved)"
                            : " (the entries before it were removed)"));
                }
                continue;
            }
            LedgerEntry before = entries.get(i - 1);
            if (prev.equals(before.hash())) {
                continue;
            }
            Integer linked = positionOfHash.get(prev);
            String where = "entry " + entry.position() + " does not match the chain: its prev ";
            if (GENESIS.equals(prev)) {
                report.fail(FindingCode.LEDGER_CHAIN_BROKEN, where + "is 64 zeros, which only the first entry has "
                        + "(entries were moved)");
            } else if (linked != null) {
                report.fail(FindingCode.LEDGER_CHAIN_BROKEN, where + "is the hash of entry " + linked + ", not of entry "
                        + before.position() + " (entries were removed, duplicated or moved)");
            } else {
                report.fail(FindingCode.LEDGER_CHAIN_BROKEN, where + "is not the hash of entry " + before.position()
                        + " (entry " + before.position() + " changed, or an entry was removed or moved)");
            }
        }
    }

    private static void checkDossier(List<LedgerEntry> entries, @Nullable LedgerHead head, Report report) {
        String dossier = head != null ? head.dossier()
                : entries.stream().map(LedgerEntry::dossier).filter(Objects::nonNull).findFirst().orElse(null);
        String whose = head != null ? "the head's" : "entry 1's";
        for (LedgerEntry entry : entries) {
            if (entry.dossier() != null && !entry.dossier().equals(dossier)) {
                report.fail(FindingCode.LEDGER_DOSSIER_MISMATCH, "entry " + entry.position() + " names dossier "
                        + entry.dossier() + ", not " + dossier + " (" + whose + ")");
            }
        }
    }

    private static void checkAgainstHead(List<LedgerEntry> entries, LedgerHead head, Report report) {
        int n = entries.size();
        if (n != head.entries()) {
            report.fail(FindingCode.LEDGER_COUNT_MISMATCH, (n == 0 ? "the ledger is empty" : "the ledger has " + n
                    + (n == 1 ? " entry" : " entries")) + ", the signed head says " + head.entries() + " ("
                    + (n < head.entries() ? "entries were removed" : "entries were added") + " after the head was signed)");
        }
        if (n == 0) {
            return;
        }
        LedgerEntry last = entries.get(n - 1);
        if (last.hash().equals(head.headSha256())) {
            return;
        }
        int signedAt = -1;
        for (LedgerEntry entry : entries) {
            if (entry.hash().equals(head.headSha256())) {
                signedAt = entry.position();
            }
        }
        if (signedAt > 0) {
            report.fail(FindingCode.LEDGER_HEAD_MISMATCH, "the signed head is the hash of entry " + signedAt
                    + ", not of the last entry " + n + " (entries were added after the head was signed, or moved)");
        } else {
            report.fail(FindingCode.LEDGER_HEAD_MISMATCH, "the last entry's hash does not match the signed head "
                    + "(the last entry changed, or entries were removed from the end)");
        }
    }
}
