package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.client.PushReceiver;
import vn.lienthong.client.ReceiptVerification;

/** A signed dossier hand-off end to end, over HTTP, through the embedded broker and database. */
class DossierHandoffIT {

    private final TestGateway gateway = SharedGateway.gateway();

    /** Sends a hand-off from the desk to the land office (push) / result: signed receipt, pushed once, timeline shows both sides. */
    @Test
    void pushedHandoffIsReceiptedDeliveredAndOnTheTimeline() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE)
                .component("đơn.txt", TestEnvelopes.utf8("Đơn đăng ký biến động"));
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());

        GatewayClient.Submitted submitted = gateway.client(TestGateway.DESK).submit(signed);

        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(submitted.receipt(), signed);
        assertThat(receipt.envelopeId()).isEqualTo(envelope.id());
        assertThat(receipt.sender()).isEqualTo(TestGateway.DESK);
        assertThat(submitted.replayed()).isFalse();

        PushReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30))
                .until(() -> SharedGateway.receiver().find(envelope.id()).orElse(null), d -> d != null);
        assertThat(delivery.content()).as("the signed bytes travel unchanged").isEqualTo(signed);
        assertThat(delivery.sender()).isEqualTo(TestGateway.DESK);
        assertThat(delivery.recipient()).isEqualTo(TestGateway.LAND_OFFICE);
        assertThat(delivery.dossierCode()).isEqualTo(envelope.dossierCode());

        JsonNode handoff = await().atMost(Duration.ofSeconds(30)).until(
                () -> gateway.client(TestGateway.DESK).get("dossiers/" + envelope.dossierCode()).get("handoffs").get(0),
                h -> !h.get("takenAt").isNull());
        assertThat(handoff.get("giver").get("code").asString()).isEqualTo(TestGateway.DESK);
        assertThat(handoff.get("giverOfficer").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(handoff.get("taker").get("code").asString()).isEqualTo(TestGateway.LAND_OFFICE);
        assertThat(handoff.get("step").asString()).isEqualTo("Thẩm định hồ sơ");
        assertThat(handoff.get("allowedTime").get("unit").asString()).isEqualTo("working-days");
        Instant givenAt = Instant.parse(handoff.get("givenAt").asString());
        Instant takenAt = Instant.parse(handoff.get("takenAt").asString());
        assertThat(givenAt).isEqualTo(receipt.receivedAt());
        assertThat(takenAt).isAfterOrEqualTo(givenAt);

        JsonNode status = gateway.client(TestGateway.LAND_OFFICE).get("envelopes/" + envelope.id());
        assertThat(status.get("recipients").get(0).get("state").asString()).isEqualTo("DELIVERED");
    }

    /** Sends a hand-off to the finance department (pull) / result: waits in its inbox, fetched unchanged, acknowledged once. */
    @Test
    void pulledHandoffIsFetchedAndAcknowledgedFromTheInbox() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        gateway.client(TestGateway.DESK).submit(signed);
        GatewayClient finance = gateway.client(TestGateway.FINANCE);

        GatewayClient.InboxItem item = await().atMost(Duration.ofSeconds(30)).until(
                () -> finance.inbox(500).stream().filter(i -> i.envelopeId().equals(envelope.id())).findFirst().orElse(null),
                i -> i != null);
        assertThat(item.sender()).isEqualTo(TestGateway.DESK);
        assertThat(item.kind()).isEqualTo("handoff");
        assertThat(item.size()).isEqualTo(signed.length);
        assertThat(timelineRow(envelope).get("takenAt").isNull()).as("not taken before the acknowledgement").isTrue();

        GatewayClient.Fetched fetched = finance.fetch(envelope.id());
        assertThat(fetched.content()).isEqualTo(signed);

        GatewayClient.Acknowledgement ack = finance.acknowledge(envelope.id());
        GatewayClient.Acknowledgement again = finance.acknowledge(envelope.id());
        assertThat(again.takenAt()).as("acknowledging twice keeps the first time").isEqualTo(ack.takenAt());
        assertThat(finance.inbox(500)).noneMatch(i -> i.envelopeId().equals(envelope.id()));

        JsonNode row = timelineRow(envelope);
        assertThat(row.get("taker").get("code").asString()).isEqualTo(TestGateway.FINANCE);
        assertThat(Instant.parse(row.get("takenAt").asString())).isEqualTo(ack.takenAt());
    }

    /** Sends one envelope to a push and a pull agency at once / result: one hand-off row per taker. */
    @Test
    void parallelHandoffIsTrackedPerRecipient() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, TestGateway.FINANCE);
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));

        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(
                () -> gateway.client(TestGateway.DESK).get("envelopes/" + envelope.id()),
                s -> s.get("recipients").size() == 2 && !s.get("recipients").get(0).get("state").asString().equals("QUEUED")
                        && !s.get("recipients").get(1).get("state").asString().equals("QUEUED"));
        assertThat(status.get("recipients").findValuesAsString("state")).containsExactlyInAnyOrder("AVAILABLE", "DELIVERED");
        JsonNode handoffs = gateway.client(TestGateway.DESK).get("dossiers/" + envelope.dossierCode()).get("handoffs");
        assertThat(handoffs.findValues("taker").stream().map(t -> t.get("code").asString()).toList()).containsExactlyInAnyOrder(TestGateway.LAND_OFFICE, TestGateway.FINANCE);
    }

    /** Submits the same signed envelope twice / result: the second answer is the first receipt, byte for byte. */
    @Test
    void retriedSubmissionReturnsTheFirstReceipt() {
        byte[] signed = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().to(TestGateway.FINANCE).xml());
        GatewayClient desk = gateway.client(TestGateway.DESK);

        GatewayClient.Submitted first = desk.submit(signed);
        GatewayClient.Submitted retry = desk.submit(signed);

        assertThat(retry.receipt()).isEqualTo(first.receipt());
        assertThat(retry.replayed()).isTrue();
    }

    private JsonNode timelineRow(TestEnvelopes.Builder envelope) {
        return gateway.client(TestGateway.DESK).get("dossiers/" + envelope.dossierCode()).get("handoffs").get(0);
    }
}
