package vn.lienthong.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStateTest {

    @Test
    void queuedMovesToTheInboxOrStraightToDelivered() {
        assertThat(DeliveryState.QUEUED.next()).containsExactlyInAnyOrder(DeliveryState.AVAILABLE, DeliveryState.DELIVERED);
    }

    @Test
    void deliveredIsFinal() {
        assertThat(DeliveryState.DELIVERED.next()).isEmpty();
    }

    @Test
    void onlyUndeliveredStatesLeadToDelivered() {
        assertThat(DeliveryState.sourcesOf(DeliveryState.DELIVERED))
                .containsExactlyInAnyOrder(DeliveryState.QUEUED, DeliveryState.AVAILABLE);
        assertThat(DeliveryState.sourcesOf(DeliveryState.AVAILABLE)).containsExactly(DeliveryState.QUEUED);
        assertThat(DeliveryState.sourcesOf(DeliveryState.QUEUED)).isEmpty();
    }
}
