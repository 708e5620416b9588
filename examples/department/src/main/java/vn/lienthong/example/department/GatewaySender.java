package vn.lienthong.example.department;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.GatewayProblemException;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.envelope.EnvelopeInvalidException;

/**
 * Signs an envelope once and submits those bytes; the gateway client sends the same bytes again
 * under its {@link vn.lienthong.client.RetryPolicy} (safe: the gateway answers a repeat with the
 * first receipt, whereas a new signature under the same id would be refused). Every receipt is
 * verified against the gateway's certificate and the bytes sent.
 */
public final class GatewaySender {

    private static final Logger log = LoggerFactory.getLogger(GatewaySender.class);

    private final GatewayClient gateway;
    private final EnvelopeSigning signing;
    private final ReceiptVerification receipts;

    public GatewaySender(GatewayClient gateway, EnvelopeSigning signing, ReceiptVerification receipts) {
        this.gateway = gateway;
        this.signing = signing;
        this.receipts = receipts;
    }

    /**
     * @return the verified receipt
     * @throws EnvelopeInvalidException when the envelope is not valid against the contract (nothing is signed)
     * @throws GatewayProblemException when the gateway refuses the envelope, or is still busy or failing after the retries
     * @throws UncheckedIOException when the gateway did not answer, after the retries
     * @throws ReceiptVerification.ReceiptInvalidException when the receipt is not the gateway's for these bytes
     */
    public ReceiptVerification.VerifiedReceipt send(OutgoingEnvelope envelope) {
        byte[] signed = envelope.toEnvelope().sign(signing);
        GatewayClient.Submitted submitted = gateway.submit(signed);
        ReceiptVerification.VerifiedReceipt receipt = receipts.verify(submitted.receipt(), signed);
        log.info("sent {} ({}) to {} for dossier {}; receipt from gateway '{}' at {}", envelope.envelopeId(),
                envelope.kind().value(), envelope.to(), envelope.dossierCode(), receipt.gateway(), receipt.receivedAt());
        return receipt;
    }
}
