package vn.lienthong.client.evidence;

/**
 * Stable codes of the findings a verification reports, each belonging to one {@link Check}.
 * A code once released is deprecated, never renamed or reused (docs/EVIDENCE.md lists them).
 */
public enum FindingCode {

    /** An entry name is absolute, has a {@code ..}, {@code .} or empty segment, a backslash, a colon or a control character. The bundle is refused. */
    BUNDLE_ENTRY_NAME_UNSAFE(Check.BUNDLE),
    /** More entries, a larger entry or more bytes in total than the limits allow (a zip bomb, or limits set too low). The bundle is refused. */
    BUNDLE_LIMIT_EXCEEDED(Check.BUNDLE),
    /** Two entries with the same name: zip tools would disagree about which one is the bundle's. The bundle is refused. */
    BUNDLE_DUPLICATE_ENTRY(Check.BUNDLE),
    /** The zip's central directory lists other entries than those stored: zip tools would show other contents than were verified. The bundle is refused. */
    BUNDLE_DIRECTORY_MISMATCH(Check.BUNDLE),
    /** {@code ledger.jsonl}, {@code ledger-head.xml} or {@code gateway.pem} is missing. */
    BUNDLE_ENTRY_MISSING(Check.BUNDLE),
    /** An entry that is not part of the v1 layout. */
    BUNDLE_UNEXPECTED_ENTRY(Check.BUNDLE),

    /** {@code gateway.pem} holds no readable X.509 certificate. */
    GATEWAY_PEM_INVALID(Check.HEAD),
    /** {@code ledger-head.xml} is not well-formed, not a LedgerHead, or not valid against evidence-v1.xsd. */
    HEAD_INVALID(Check.HEAD),
    /** The head's signature is missing, outside the profile, or does not verify: the head changed after signing. */
    HEAD_SIGNATURE_INVALID(Check.HEAD),
    /** The head verifies with a certificate that is not the first one in {@code gateway.pem}. */
    HEAD_SIGNER_NOT_BUNDLE_CERTIFICATE(Check.HEAD),

    /** A gateway certificate (of the head or of a receipt) is not one of the certificates the caller pinned. */
    GATEWAY_NOT_PINNED(Check.TRUST),
    /** A gateway certificate does not chain to the caller's trust anchors, or was not valid when it signed. */
    GATEWAY_NOT_TRUSTED(Check.TRUST),

    /** The ledger does not end with a line feed, or a line ends with a carriage return. */
    LEDGER_LINE_ENDING(Check.LEDGER),
    /** A line is not UTF-8 JSON with the common keys in the v1 order and form. */
    LEDGER_ENTRY_MALFORMED(Check.LEDGER),
    /** An entry of a known event lacks a key its event requires, or has one of the wrong form. */
    LEDGER_EVENT_INVALID(Check.LEDGER),
    /** An entry names another dossier than the head. */
    LEDGER_DOSSIER_MISMATCH(Check.LEDGER),
    /** A seq is skipped, or the ledger does not start at seq 1: entries were removed. */
    LEDGER_SEQ_GAP(Check.LEDGER),
    /** A seq appears twice: an entry was duplicated. */
    LEDGER_SEQ_REPEATED(Check.LEDGER),
    /** A seq comes after a larger one: entries were moved. */
    LEDGER_OUT_OF_ORDER(Check.LEDGER),
    /** An entry's prev is not the hash of the line before it (or not 64 zeros on the first line). */
    LEDGER_CHAIN_BROKEN(Check.LEDGER),
    /** The number of lines differs from the head's Entries. */
    LEDGER_COUNT_MISMATCH(Check.LEDGER),
    /** The last line's hash differs from the head's HeadSha256. */
    LEDGER_HEAD_MISMATCH(Check.LEDGER),

    /** An ACCEPTED entry's envelope file is not in the bundle. */
    ENVELOPE_MISSING(Check.ENVELOPES),
    /** An envelope file does not hash to its ACCEPTED entry's envelopeSha256: it changed after acceptance. */
    ENVELOPE_DIGEST_MISMATCH(Check.ENVELOPES),
    /** An envelope file that no ACCEPTED entry names. */
    ENVELOPE_UNREFERENCED(Check.ENVELOPES),

    /** An ACCEPTED entry's receipt file is not in the bundle. */
    RECEIPT_MISSING(Check.RECEIPTS),
    /** A receipt is not well-formed, not a Receipt, or not valid against receipt-v1.xsd. */
    RECEIPT_INVALID(Check.RECEIPTS),
    /** A receipt's signature is missing, outside the profile, or does not verify: the receipt changed after signing. */
    RECEIPT_SIGNATURE_INVALID(Check.RECEIPTS),
    /** A receipt verifies with a certificate that {@code gateway.pem} does not list: another key issued it. */
    RECEIPT_SIGNER_NOT_GATEWAY(Check.RECEIPTS),
    /** A receipt names another envelope, digest, sender, recipients, dossier or gateway than its ACCEPTED entry and the head. */
    RECEIPT_MISMATCH(Check.RECEIPTS),
    /** A receipt file that no ACCEPTED entry names. */
    RECEIPT_UNREFERENCED(Check.RECEIPTS);

    private final Check check;

    FindingCode(Check check) {
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
