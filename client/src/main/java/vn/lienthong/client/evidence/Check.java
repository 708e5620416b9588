package vn.lienthong.client.evidence;

/** The checks of a verification, in the order a report lists them. */
public enum Check {
    /** The zip itself: readable within limits, safe names, required entries, nothing unexpected. */
    BUNDLE("bundle"),
    /** ledger-head.xml: valid against evidence-v1.xsd, its signature verifies, signed by the bundle's certificate. */
    HEAD("ledger-head.xml"),
    /** The certificates that signed the head and the receipts, against what the caller pinned or trusts. */
    TRUST("gateway certificate"),
    /** ledger.jsonl: well-formed lines, consecutive seq, each linked to the one before, ending at the signed head. */
    LEDGER("ledger chain"),
    /** Each ACCEPTED entry's envelope file hashes to the entry's envelopeSha256. */
    ENVELOPES("envelopes"),
    /** Each ACCEPTED entry's receipt is signed by the gateway and names the entry's envelope and digest. */
    RECEIPTS("receipts");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** How a report names the check. */
    public String label() {
        return label;
    }
}
