package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.GatewayClient;
import vn.lienthong.core.access.ApiTokens;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;

/** Who may do what: agencies, operators and admins, and the admin API that registers agencies. */
class AccessControlIT {

    private final TestGateway gateway = SharedGateway.gateway();
    private final String operator = gateway.operatorToken(DemoProvisioning.DEMO_OPERATOR);
    private final String admin = gateway.operatorToken(DemoProvisioning.DEMO_ADMIN);

    /** An operator reads an envelope and a dossier it took no part in / result: both shown. */
    @Test
    void operatorReadsEveryEnvelopeAndDossier() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));

        assertThat(TestHttp.send(gateway, "GET", "envelopes/" + envelope.id(), operator, null, null).statusCode())
                .isEqualTo(200);
        assertThat(TestHttp.send(gateway, "GET", "dossiers/" + envelope.dossierCode(), operator, null, null).statusCode())
                .isEqualTo(200);
    }

    /** An operator uses an inbox and submits an envelope / result: ACCESS_DENIED; operators are not agencies. */
    @Test
    void operatorIsNotAnAgency() {
        TestHttp.assertCode(TestHttp.problem(gateway, "GET", "inbox", operator, null, null, 403), "ACCESS_DENIED");
        byte[] envelope = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().xml());
        TestHttp.assertCode(TestHttp.problem(gateway, "POST", "envelopes", operator, "application/xml", envelope, 403),
                "ACCESS_DENIED");
    }

    /** An agency and an operator call the admin API / result: the agency is refused, the operator reads but cannot change. */
    @Test
    void onlyAdminsChangeAgencies() {
        TestHttp.assertCode(TestHttp.problem(gateway, "GET", "admin/agencies", gateway.token(TestGateway.DESK), null, null,
                403), "ACCESS_DENIED");

        JsonNode agencies = TestHttp.JSON.readTree(TestHttp.send(gateway, "GET", "admin/agencies", operator, null, null).body());
        assertThat(agencies.get("agencies").findValuesAsString("code"))
                .contains(TestGateway.DESK, TestGateway.LAND_OFFICE, TestGateway.FINANCE);
        assertThat(agencies.toString()).doesNotContain("apiTokenSha256").doesNotContain(gateway.token(TestGateway.DESK));

        byte[] change = TestHttp.JSON.writeValueAsBytes(Map.of("name", "x", "deliveryMode", "pull"));
        TestHttp.assertCode(TestHttp.problem(gateway, "PUT", "admin/agencies/" + TestAgencies.newCode(), operator,
                "application/json", change, 403), "ACCESS_DENIED");
    }

    /** An admin registers a new pull agency and the desk sends it a dossier / result: it reaches the new agency's inbox. */
    @Test
    void agencyRegisteredThroughTheApiReceivesAtOnce() {
        TestAgencies.Registered agency = TestAgencies.pullAgency(gateway, KeyType.EC_P256);
        JsonNode view = TestHttp.JSON.readTree(TestHttp.send(gateway, "GET", "admin/agencies/" + agency.code(), admin,
                null, null).body());
        assertThat(view.get("deliveryMode").asString()).isEqualTo("pull");
        assertThat(view.get("apiToken").asBoolean()).isTrue();
        assertThat(view.get("certificates").get(0).get("purpose").asString()).isEqualTo("signing");

        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(agency.code());
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));

        GatewayClient client = new GatewayClient(gateway.baseUri(), agency.token(), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.inbox(100).stream().anyMatch(item -> item.envelopeId().equals(envelope.id())));
    }

    /** An admin sends registrations that cannot be applied / result: AGENCY_REGISTRATION_INVALID for each. */
    @Test
    void invalidRegistrationsAreRefused() {
        String code = TestAgencies.newCode();
        for (Map<String, Object> change : List.<Map<String, Object>>of(
                Map.of("name", "x", "deliveryMode", "push"),
                Map.of("name", "x", "deliveryMode", "pull", "certificates", List.of("not a certificate")),
                Map.of("name", "x", "deliveryMode", "teleport"),
                Map.of("name", "x", "deliveryMode", "pull", "apiTokenSha256", "short"),
                Map.of("name", "x", "deliveryMode", "pull", "apiTokenSha256",
                        ApiTokens.sha256(gateway.token(TestGateway.DESK))))) {
            TestHttp.assertCode(TestHttp.problem(gateway, "PUT", "admin/agencies/" + code, admin, "application/json",
                    TestHttp.JSON.writeValueAsBytes(change), 400), "AGENCY_REGISTRATION_INVALID");
        }
        TestHttp.assertCode(TestHttp.problem(gateway, "PUT", "admin/agencies/not-a-code", admin, "application/json",
                TestHttp.JSON.writeValueAsBytes(Map.of("name", "x", "deliveryMode", "pull")), 400),
                "AGENCY_REGISTRATION_INVALID");
        TestHttp.assertCode(TestHttp.problem(gateway, "GET", "admin/agencies/" + code, admin, null, null, 404),
                "AGENCY_NOT_FOUND");
    }
}
