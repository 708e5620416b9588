package vn.lienthong.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStateTest {

    @Test
    void queuedGoesToTheInboxToTheRecipientToARetryToWaitingOrToTheDeadLetters() {
        assertThat(DeliveryState.QUEUED.next()).containsExactlyInAnyOrder(DeliveryState.WAITING, DeliveryState.RETRYING,
                DeliveryState.AVAILABLE, DeliveryState.DELIVERED, DeliveryState.DEAD_LETTERED);
    }

    @Test
    void deliveredAndDiscardedAreFinal() {
        assertThat(DeliveryState.DELIVERED.next()).isEmpty();
        assertThat(DeliveryState.DISCARDED.next()).isEmpty();
    }

    @Test
    void onlyDeadLettersAreReplayedOrDiscarded() {
        assertThat(DeliveryState.sourcesOf(DeliveryState.DISCARDED)).containsExactly(DeliveryState.DEAD_LETTERED);
        assertThat(DeliveryState.sourcesOf(DeliveryState.QUEUED))
                .containsExactlyInAnyOrder(DeliveryState.WAITING, DeliveryState.DEAD_LETTERED);
    }

    @Test
    void onlyUntakenDeliveriesLeadToDelivered() {
        assertThat(DeliveryState.sourcesOf(DeliveryState.DELIVERED))
                .containsExactlyInAnyOrder(DeliveryState.QUEUED, DeliveryState.RETRYING, DeliveryState.AVAILABLE);
    }

    @Test
    void deliveriesNotYetHandedOverHoldBackTheirDossier() {
        assertThat(DeliveryState.holdingBack())
                .containsExactlyInAnyOrder(DeliveryState.QUEUED, DeliveryState.WAITING, DeliveryState.RETRYING);
    }
}
