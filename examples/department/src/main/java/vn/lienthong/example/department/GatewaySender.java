package vn.lienthong.example.department;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.GatewayProblemException;
import vn.lienthong.client.ReceiptVerification;

/**
 * Signs an envelope once and submits those bytes until the gateway answers: resending the same
 * bytes is safe (the gateway answers with the first receipt), signing again would not be, as a
 * new signature under the same id is refused. Every receipt is verified against the gateway's
 * certificate and the bytes sent.
 */
public final class GatewaySender {

    private static final Logger log = LoggerFactory.getLogger(GatewaySender.class);

    private final GatewayClient gateway;
    private final EnvelopeSigning signing;
    private final ReceiptVerification receipts;
    private final RetryTemplate retry;

    public GatewaySender(GatewayClient gateway, EnvelopeSigning signing, ReceiptVerification receipts) {
        this.gateway = gateway;
        this.signing = signing;
        this.receipts = receipts;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .predicate(GatewaySender::worthRetrying)
                .maxRetries(20).delay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofMinutes(1))
                .build());
    }

    /**
     * @return the verified receipt
     * @throws GatewayProblemException when the gateway refuses the envelope (4xx: retrying would not help)
     * @throws ReceiptVerification.ReceiptInvalidException when the receipt is not the gateway's for these bytes
     */
    public ReceiptVerification.VerifiedReceipt send(OutgoingEnvelope envelope) {
        byte[] signed = envelope.toEnvelope().sign(signing);
        GatewayClient.Submitted submitted;
        try {
            submitted = retry.execute(() -> gateway.submit(signed));
        } catch (RetryException e) {
            if (e.getLastException() instanceof RuntimeException last) {
                throw last;
            }
            throw new IllegalStateException("submitting " + envelope.envelopeId() + " failed", e);
        }
        ReceiptVerification.VerifiedReceipt receipt = receipts.verify(submitted.receipt(), signed);
        log.info("sent {} ({}) to {} for dossier {}; receipt from gateway '{}' at {}", envelope.envelopeId(),
                envelope.kind().value(), envelope.to(), envelope.dossierCode(), receipt.gateway(), receipt.receivedAt());
        return receipt;
    }

    /** The gateway unreachable, failing, busy or holding back: the same bytes may go again later. */
    static boolean worthRetrying(Throwable failure) {
        return failure instanceof UncheckedIOException
                || failure instanceof GatewayProblemException problem && (problem.status() >= 500 || problem.status() == 429);
    }
}
