package vn.lienthong.client.evidence;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * Step 4 of docs/EVIDENCE.md: each ACCEPTED entry's envelope file has the SHA-256 the entry
 * states, and its receipt is the gateway's and names the same envelope; no other envelope or
 * receipt files. Envelope signatures are not checked: the gateway checked them on acceptance,
 * and the entry's digest fixes the bytes.
 */
final class AcceptedFiles {

    private static final String RECEIPT_NAMESPACE = "urn:lienthong:receipt:v1";
    private static final String SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256";

    private final SignedDocuments documents;

    AcceptedFiles(SignedDocuments documents) {
        this.documents = documents;
    }

    /** @param signers where the signer of each receipt that verifies is added, for the trust check */
    void verify(List<LedgerEntry> entries, BundleContents contents, @Nullable LedgerHead head,
                List<X509Certificate> bundleCertificates, Signers signers, Report report) {
        List<LedgerEntry.Accepted> accepted = entries.stream().map(LedgerEntry::accepted)
                .filter(a -> a != null).map(a -> (LedgerEntry.Accepted) a).toList();
        verifyEnvelopes(accepted, contents, report);
        int verified = 0;
        for (LedgerEntry.Accepted entry : accepted) {
            if (verifyReceipt(entry, contents, head, bundleCertificates, signers, report)) {
                verified++;
            }
        }
        reportUnreferenced(contents, accepted, report);
        if (!report.failed(Check.ENVELOPES)) {
            report.passed(Check.ENVELOPES, accepted.size() + " of " + accepted.size()
                    + " hash to the SHA-256 their ACCEPTED entries state; no other envelope files");
        }
        if (!report.failed(Check.RECEIPTS)) {
            report.passed(Check.RECEIPTS, verified + " of " + accepted.size() + " signed by the gateway, each naming its "
                    + "entry's envelope, digest, sender and recipients; no other receipt files");
        }
    }

    private static void verifyEnvelopes(List<LedgerEntry.Accepted> accepted, BundleContents contents, Report report) {
        for (LedgerEntry.Accepted entry : accepted) {
            String name = entry.envelopeEntry();
            byte[] actual = contents.envelopeSha256().get(name);
            if (actual == null) {
                report.fail(FindingCode.ENVELOPE_MISSING, describe(entry) + ": " + name + " is not in the bundle");
            } else if (!MessageDigest.isEqual(actual, entry.envelopeSha256())) {
                report.fail(FindingCode.ENVELOPE_DIGEST_MISMATCH, name + " does not hash to its entry's envelopeSha256: "
                        + "seq " + entry.seq() + " says " + base64(entry.envelopeSha256()) + ", the file hashes to "
                        + base64(actual) + " (the file was changed or replaced)");
            }
        }
    }

    private boolean verifyReceipt(LedgerEntry.Accepted entry, BundleContents contents, @Nullable LedgerHead head,
                                  List<X509Certificate> bundleCertificates, Signers signers,
                                  Report report) {
        String name = entry.receiptEntry();
        byte[] receipt = contents.documents().get(name);
        if (receipt == null) {
            report.fail(FindingCode.RECEIPT_MISSING, describe(entry) + ": " + name + " is not in the bundle");
            return false;
        }
        SignedDocuments.Outcome outcome = documents.read(receipt, RECEIPT_NAMESPACE, "Receipt", EvidenceSchemas.RECEIPT);
        if (outcome instanceof SignedDocuments.Invalid invalid) {
            report.fail(FindingCode.RECEIPT_INVALID, name + " is " + invalid.reason());
            return false;
        }
        if (outcome instanceof SignedDocuments.BadSignature bad) {
            report.fail(FindingCode.RECEIPT_SIGNATURE_INVALID, name + " does not verify: " + bad.reason()
                    + " (the receipt changed after the gateway signed it)");
            return false;
        }
        SignedDocuments.Verified verified = (SignedDocuments.Verified) outcome;
        if (!bundleCertificates.contains(verified.signer())) {
            report.fail(FindingCode.RECEIPT_SIGNER_NOT_GATEWAY, name + " is signed by "
                    + HeadVerification.describe(verified.signer()) + ", which " + EvidenceBundleLayout.GATEWAY_CERTIFICATE
                    + " does not list: another key issued it");
            return false;
        }
        List<String> differences = differences(verified.root(), entry, head);
        if (!differences.isEmpty()) {
            report.fail(FindingCode.RECEIPT_MISMATCH, name + " does not match " + describe(entry) + ": "
                    + String.join("; ", differences));
            return false;
        }
        signers.receipt(verified.signer(), receivedAt(verified.root()));
        return true;
    }

    private static List<String> differences(Element receipt, LedgerEntry.Accepted entry, @Nullable LedgerHead head) {
        List<String> differences = new ArrayList<>();
        differ(differences, "EnvelopeId", SignedDocuments.text(receipt, "EnvelopeId"), "envelope", entry.envelope());
        byte[] digest = decode(SignedDocuments.text(receipt, "EnvelopeDigest"));
        if (!MessageDigest.isEqual(digest, entry.envelopeSha256())) {
            differences.add("EnvelopeDigest is " + base64(digest) + ", the entry's envelopeSha256 " + base64(entry.envelopeSha256()));
        }
        String algorithm = SignedDocuments.attribute(receipt, "EnvelopeDigest", "algorithm");
        if (!SHA256_URI.equals(algorithm)) {
            differences.add("EnvelopeDigest's algorithm is " + algorithm + ", not SHA-256 (" + SHA256_URI + ")");
        }
        if (entry.from() != null) {
            differ(differences, "Sender", SignedDocuments.text(receipt, "Sender"), "from", entry.from());
        }
        Set<String> recipients = new HashSet<>(SignedDocuments.texts(receipt, "Recipient"));
        if (!recipients.equals(new HashSet<>(entry.to()))) {
            differences.add("Recipient is " + SignedDocuments.texts(receipt, "Recipient") + ", the entry's to " + entry.to());
        }
        if (head != null) {
            List<String> dossier = SignedDocuments.texts(receipt, "DossierCode");
            if (!dossier.isEmpty() && !dossier.get(0).equals(head.dossier())) {
                differences.add("DossierCode is " + dossier.get(0) + ", the head's Dossier " + head.dossier());
            }
            String gateway = SignedDocuments.text(receipt, "Gateway");
            if (!gateway.equals(head.gateway())) {
                differences.add("Gateway is '" + gateway + "', the head's Gateway '" + head.gateway() + "'");
            }
        }
        return differences;
    }

    private static void differ(List<String> differences, String element, String actual, String key, String expected) {
        if (!actual.equals(expected)) {
            differences.add(element + " is '" + actual + "', the entry's " + key + " '" + expected + "'");
        }
    }

    private static void reportUnreferenced(BundleContents contents, List<LedgerEntry.Accepted> accepted, Report report) {
        Set<String> envelopes = new HashSet<>();
        Set<String> receipts = new HashSet<>();
        accepted.forEach(entry -> {
            envelopes.add(entry.envelopeEntry());
            receipts.add(entry.receiptEntry());
        });
        for (String name : contents.envelopeSha256().keySet()) {
            if (!envelopes.contains(name)) {
                report.fail(FindingCode.ENVELOPE_UNREFERENCED, name + " is in the bundle, but no ACCEPTED entry names it "
                        + "(added after export, or its entry was removed or changed)");
            }
        }
        for (String name : contents.documents().keySet()) {
            if (EvidenceBundleLayout.isReceiptEntry(name) && !receipts.contains(name)) {
                report.fail(FindingCode.RECEIPT_UNREFERENCED, name + " is in the bundle, but no ACCEPTED entry names it "
                        + "(added after export, or its entry was removed or changed)");
            }
        }
    }

    /** When the receipt says the gateway received the envelope; null when it gives no offset, which receipt-v1.xsd allows. */
    private static @Nullable Instant receivedAt(Element receipt) {
        try {
            return OffsetDateTime.parse(SignedDocuments.text(receipt, "ReceivedAt")).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String describe(LedgerEntry.Accepted entry) {
        return "the ACCEPTED entry with seq " + entry.seq() + " (envelope '" + entry.envelope() + "')";
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
