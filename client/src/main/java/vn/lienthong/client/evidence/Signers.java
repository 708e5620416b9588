package vn.lienthong.client.evidence;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The certificates whose signatures verified on the head and the receipts: what each signed, and when. */
final class Signers {

    /** What one certificate signed: the head, receipts, or both; and the times those documents state. */
    static final class Usage {
        private boolean head;
        private int receipts;
        private final List<Instant> times = new ArrayList<>();

        List<Instant> times() {
            return times;
        }

        /** Such as "ledger-head.xml and 3 receipts". */
        String documents() {
            String receiptCount = receipts == 1 ? "1 receipt" : receipts + " receipts";
            if (head) {
                return receipts == 0 ? EvidenceBundleLayout.HEAD : EvidenceBundleLayout.HEAD + " and " + receiptCount;
            }
            return receiptCount;
        }
    }

    private final Map<X509Certificate, Usage> usage = new LinkedHashMap<>();

    void head(X509Certificate signer, Instant issuedAt) {
        Usage use = usage.computeIfAbsent(signer, certificate -> new Usage());
        use.head = true;
        use.times.add(issuedAt);
    }

    /** @param receivedAt the receipt's ReceivedAt, or null when it gives no offset */
    void receipt(X509Certificate signer, @Nullable Instant receivedAt) {
        Usage use = usage.computeIfAbsent(signer, certificate -> new Usage());
        use.receipts++;
        if (receivedAt != null) {
            use.times.add(receivedAt);
        }
    }

    /** In the order first seen: the head's signer first when the head verified. */
    Map<X509Certificate, Usage> all() {
        return usage;
    }
}
