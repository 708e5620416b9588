package vn.lienthong.bench.micro;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.xml.security.c14n.Canonicalizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.w3c.dom.Document;
import vn.lienthong.core.envelope.Envelope;
import vn.lienthong.core.envelope.EnvelopeReader;
import vn.lienthong.core.envelope.EnvelopeSchema;
import vn.lienthong.core.receipt.GatewayIdentity;
import vn.lienthong.core.receipt.Receipt;
import vn.lienthong.core.receipt.ReceiptIssuer;
import vn.lienthong.signature.Canonicalization;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.VerifiedSignature;
import vn.lienthong.xml.SecureXml;

/**
 * The CPU steps of accepting one envelope, each with the gateway's own classes as the
 * submission flow builds them (one instance reused across envelopes, as in
 * SubmissionConfiguration).
 */
@State(Scope.Thread)
public class EnvelopePathBenchmarks {

    private final SecureXml xml = new SecureXml();
    private final EnvelopeSchema schema = EnvelopeSchema.load("envelope-v1.xsd");
    private final EnvelopeReader reader = new EnvelopeReader();
    private final EnvelopedSignatureVerifier verifier = new EnvelopedSignatureVerifier();
    private ReceiptIssuer receipts;
    private Canonicalizer exclusive;

    @Setup
    public void setUp() throws Exception {
        receipts = new ReceiptIssuer(new GatewayIdentity("lienthong-bench", Keys.GATEWAY));
        exclusive = Canonicalizer.getInstance(Canonicalization.EXCLUSIVE.uri());
    }

    /** Step 2: the hardened DOM parse of the received bytes. */
    @Benchmark
    public Document parse(SignedEnvelope signed) {
        return xml.parse(signed.bytes);
    }

    /** Step 3: XSD validation of the parsed DOM against the cached schema. */
    @Benchmark
    public Document validate(SignedEnvelope signed) {
        schema.validate(signed.document, signed.bytes);
        return signed.document;
    }

    /** Step 3: reading the envelope model from the DOM. */
    @Benchmark
    public Envelope read(SignedEnvelope signed) {
        return reader.read(signed.document);
    }

    /** Exclusive C14N of the whole envelope, which the reference digest of verification needs. */
    @Benchmark
    public byte[] c14n(SignedEnvelope signed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        exclusive.canonicalizeSubtree(signed.document, out);
        return out.toByteArray();
    }

    /** Step 5: verifying the enveloped signature (C14N, digest, RSA verify), without the trust-chain check. */
    @Benchmark
    public VerifiedSignature verifySignature(SignedEnvelope signed) {
        return verifier.verify(signed.document, false);
    }

    /** Step 8: building, signing (RSA-2048) and serialising the receipt. */
    @Benchmark
    public Receipt signReceipt(SignedEnvelope signed) {
        return receipts.issue(signed.envelope, signed.envelopeBytes, Instant.now());
    }

    /** Steps 2 to 8 without the database: what one envelope costs in CPU on the accepting thread. */
    @Benchmark
    public Receipt cpuPath(SignedEnvelope signed) {
        Document document = xml.parse(signed.bytes);
        schema.validate(document, signed.bytes);
        Envelope envelope = reader.read(document);
        verifier.verify(document, false);
        return receipts.issue(envelope, signed.envelopeBytes, Instant.now());
    }
}
