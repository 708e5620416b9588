package vn.lienthong.core.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An envelope as the gateway holds it, with its state per recipient. */
public record EnvelopeStatus(String envelopeId, String kind, String sender, String dossierCode, Instant acceptedAt,
                             String sha256, long size, List<Recipient> recipients) {

    /**
     * @param state QUEUED, AVAILABLE (waiting in a pull inbox) or DELIVERED
     * @param takenAt when the recipient took it: push acknowledged, or pull acknowledged
     */
    public record Recipient(String agency, String state, int attempts, @Nullable String lastError,
                            @Nullable Instant availableAt, @Nullable Instant takenAt) {
    }

    public EnvelopeStatus {
        recipients = List.copyOf(recipients);
    }

    public boolean involves(String agency) {
        return sender.equals(agency) || recipients.stream().anyMatch(r -> r.agency().equals(agency));
    }
}
