package vn.lienthong.core.tracking;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An envelope as the gateway holds it, with its state per recipient. */
public record EnvelopeStatus(String envelopeId, String kind, String sender, String dossierCode, Instant acceptedAt,
                             String sha256, long size, List<Recipient> recipients) {

    /**
     * @param state a {@code DeliveryState}: QUEUED, WAITING, RETRYING, AVAILABLE, DELIVERED,
     *        DEAD_LETTERED, DISCARDED
     * @param attempts failed pushes in the current round of attempts
     * @param nextAttemptAt when the next push is due, while RETRYING
     * @param takenAt when the recipient took it: push acknowledged, or pull acknowledged
     * @param history every push attempt, oldest first
     */
    public record Recipient(String agency, String state, int attempts, @Nullable String lastError,
                            @Nullable Instant nextAttemptAt, @Nullable Instant availableAt, @Nullable Instant takenAt,
                            List<Attempt> history) {

        public Recipient {
            history = List.copyOf(history);
        }
    }

    /** One push attempt: when, how long it took, and how it ended (DELIVERED or FAILED, with the error). */
    public record Attempt(int attempt, Instant at, long durationMillis, String outcome, @Nullable String error) {
    }

    public EnvelopeStatus {
        recipients = List.copyOf(recipients);
    }

    public boolean involves(String agency) {
        return sender.equals(agency) || recipients.stream().anyMatch(r -> r.agency().equals(agency));
    }
}
