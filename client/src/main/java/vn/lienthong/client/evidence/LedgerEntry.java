package vn.lienthong.client.evidence;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of ledger.jsonl as read: its position and hash always, and the common keys that
 * could be read. A line that is not a JSON object still has a hash, so the chain can be
 * followed across it.
 *
 * @param position 1 for the first line: how a report numbers entries
 * @param hash lower-case hex SHA-256 of the line's bytes, without its line feed
 * @param accepted what an ACCEPTED entry says about its envelope, when it says it in the v1 form
 */
record LedgerEntry(int position, String hash, @Nullable Long seq, @Nullable String dossier, @Nullable String event,
                   @Nullable String prev, @Nullable Accepted accepted) {

    static final String ACCEPTED = "ACCEPTED";
    static final String TAKEN = "TAKEN";
    static final String OVERDUE = "OVERDUE";
    static final String APOLOGY_OWED = "APOLOGY_OWED";

    /**
     * An ACCEPTED entry's envelope.
     *
     * @param envelopeSha256 the decoded SHA-256 of the envelope's bytes
     * @param from the sender's agency code, or null when the entry lacks it
     */
    record Accepted(long seq, String envelope, byte[] envelopeSha256, @Nullable String from, List<String> to) {

        Accepted {
            to = List.copyOf(to);
        }

        String envelopeEntry() {
            return EvidenceBundleLayout.envelopeEntry(seq, envelope);
        }

        String receiptEntry() {
            return EvidenceBundleLayout.receiptEntry(seq, envelope);
        }
    }
}
