package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every way a caller can get a submission wrong, driven through HTTP: each gets its stable
 * problem code, and leaves nothing stored or routed.
 */
class SubmissionRefusalIT {

    private final TestGateway gateway = SharedGateway.gateway();

    /** Sends plain text as XML / result: ENVELOPE_NOT_XML with the line. */
    @Test
    void bodyThatIsNotXmlIsRefused() {
        JsonNode problem = submit(TestGateway.DESK, "application/xml", TestEnvelopes.utf8("<Envelope>\n<unclosed>\n"), 400);
        assertCode(problem, "ENVELOPE_NOT_XML");
        assertThat(problem.get("line").asInt()).isPositive();
    }

    /** Sends a body larger than the configured limit / result: ENVELOPE_TOO_LARGE. */
    @Test
    void bodyOverTheSizeLimitIsRefused() {
        byte[] big = new byte[SharedGateway.MAX_ENVELOPE_BYTES + 1];
        Arrays.fill(big, (byte) 'x');
        assertCode(submit(TestGateway.DESK, "application/xml", big, 413), "ENVELOPE_TOO_LARGE");
    }

    /** Sends an envelope whose Kind is not in the schema / result: ENVELOPE_SCHEMA_INVALID naming line and rule. */
    @Test
    void schemaInvalidEnvelopeIsRefusedWithLineAndRule() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        String xml = envelope.xml().replace("<Kind>handoff</Kind>", "<Kind>teleport</Kind>");
        byte[] signed = gateway.sign(TestGateway.DESK, xml);
        JsonNode problem = submit(TestGateway.DESK, "application/xml", signed, 400);
        assertCode(problem, "ENVELOPE_SCHEMA_INVALID");
        assertThat(problem.get("line").asInt()).isEqualTo(lineOf(signed, "<Kind>teleport"));
        assertThat(problem.get("rule").asString()).startsWith("cvc-");
        assertThat(problem.get("detail").asString()).contains("teleport");
        assertNothingStored(envelope.id());
    }

    /** Sends a well-formed document that is not an envelope / result: ENVELOPE_SCHEMA_INVALID on the root element. */
    @Test
    void documentThatIsNotAnEnvelopeIsRefused() {
        JsonNode problem = submit(TestGateway.DESK, "application/xml",
                TestEnvelopes.utf8("<Invoice xmlns='urn:example:invoice'/>"), 400);
        assertCode(problem, "ENVELOPE_SCHEMA_INVALID");
        assertThat(problem.get("rule").asString()).isEqualTo("root-element");
        assertThat(problem.get("detail").asString()).contains("Envelope", "edXML", "Invoice");
    }

    /** Sends an envelope with a DOCTYPE (the XXE vector) / result: XML_DOCTYPE_FORBIDDEN. */
    @Test
    void doctypeIsRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE Envelope [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<Envelope xmlns='urn:lienthong:envelope:v1'>&x;</Envelope>";
        assertCode(submit(TestGateway.DESK, "application/xml", TestEnvelopes.utf8(xxe), 400), "XML_DOCTYPE_FORBIDDEN");
    }

    /** Sends an envelope to an agency the gateway does not know / result: RECIPIENT_UNKNOWN naming it. */
    @Test
    void unknownRecipientIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE, "000.00.99.H53");
        JsonNode problem = submit(TestGateway.DESK, "application/xml", gateway.sign(TestGateway.DESK, envelope.xml()), 422);
        assertCode(problem, "RECIPIENT_UNKNOWN");
        assertThat(problem.get("recipients").get(0).asString()).isEqualTo("000.00.99.H53");
        assertThat(problem.get("detail").asString()).contains("000.00.99.H53");
        assertNothingStored(envelope.id());
    }

    /** Sends an envelope whose sender code breaks the agency-code pattern / result: AGENCY_CODE_INVALID. */
    @Test
    void malformedAgencyCodeIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to("NOT.A.CODE");
        assertCode(submit(TestGateway.DESK, "application/xml", gateway.sign(TestGateway.DESK, envelope.xml()), 400),
                "AGENCY_CODE_INVALID");
        assertNothingStored(envelope.id());
    }

    /** The finance department submits an envelope From the desk / result: SENDER_NOT_CALLER. */
    @Test
    void sendingAsAnotherAgencyIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        assertCode(submit(TestGateway.FINANCE, "application/xml", gateway.sign(TestGateway.DESK, envelope.xml()), 403),
                "SENDER_NOT_CALLER");
        assertNothingStored(envelope.id());
    }

    /** Sends an unsigned envelope / result: SIGNATURE_MISSING. */
    @Test
    void unsignedEnvelopeIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        assertCode(submit(TestGateway.DESK, "application/xml", TestEnvelopes.utf8(envelope.xml()), 400), "SIGNATURE_MISSING");
        assertNothingStored(envelope.id());
    }

    /** Changes the applicant's name after signing / result: SIGNATURE_INVALID. */
    @Test
    void envelopeChangedAfterSigningIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        String tampered = new String(gateway.sign(TestGateway.DESK, envelope.xml()), StandardCharsets.UTF_8)
                .replace("Trần Thị Bình", "Trần Thị Bình Hai");
        assertCode(submit(TestGateway.DESK, "application/xml", TestEnvelopes.utf8(tampered), 400), "SIGNATURE_INVALID");
        assertNothingStored(envelope.id());
    }

    /** Swaps the signature method for SHA-1 / result: SIGNATURE_PROFILE_VIOLATION. */
    @Test
    void signatureOutsideTheProfileIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        String sha1 = new String(gateway.sign(TestGateway.DESK, envelope.xml()), StandardCharsets.UTF_8)
                .replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        JsonNode problem = submit(TestGateway.DESK, "application/xml", TestEnvelopes.utf8(sha1), 400);
        assertCode(problem, "SIGNATURE_PROFILE_VIOLATION");
        assertThat(problem.get("reason").asString()).isEqualTo("ALGORITHM_NOT_ALLOWED");
    }

    /** The desk submits its envelope signed with the finance department's key / result: SIGNER_UNKNOWN. */
    @Test
    void envelopeSignedWithAnotherAgencysKeyIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff();
        assertCode(submit(TestGateway.DESK, "application/xml", gateway.sign(TestGateway.FINANCE, envelope.xml()), 403),
                "SIGNER_UNKNOWN");
        assertNothingStored(envelope.id());
    }

    /** Declares a component SHA-256 that its content does not have / result: COMPONENT_DIGEST_MISMATCH. */
    @Test
    void componentNotMatchingItsDigestIsRefused() {
        byte[] content = TestEnvelopes.utf8("bản vẽ thửa đất");
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff()
                .component("bản vẽ.pdf", content, content.length, TestEnvelopes.sha256(TestEnvelopes.utf8("other")));
        assertCode(submit(TestGateway.DESK, "application/xml", gateway.sign(TestGateway.DESK, envelope.xml()), 400),
                "COMPONENT_DIGEST_MISMATCH");
        assertNothingStored(envelope.id());
    }

    /** Reuses an accepted envelope's id for different content / result: ENVELOPE_ID_CONFLICT, the first kept. */
    @Test
    void sameIdWithDifferentContentIsRefused() {
        TestEnvelopes.Builder first = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, first.xml()));
        TestEnvelopes.Builder second = TestEnvelopes.handoff().id(first.id()).to(TestGateway.LAND_OFFICE);

        assertCode(submit(TestGateway.DESK, "application/xml", gateway.sign(TestGateway.DESK, second.xml()), 409),
                "ENVELOPE_ID_CONFLICT");
        assertThat(gateway.jdbc().sql("SELECT recipient FROM delivery WHERE envelope_id = ?").param(first.id())
                .query(String.class).list()).containsExactly(TestGateway.FINANCE);
    }

    /** Sends no credentials, then a wrong token / result: AUTHENTICATION_REQUIRED, AUTHENTICATION_FAILED. */
    @Test
    void callsWithoutValidTokenAreRefused() {
        byte[] body = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().xml());
        assertCode(send("POST", "envelopes", null, "application/xml", body, 401), "AUTHENTICATION_REQUIRED");
        assertCode(send("POST", "envelopes", "lt_not-a-token", "application/xml", body, 401), "AUTHENTICATION_FAILED");
        assertCode(send("GET", "inbox", null, null, null, 401), "AUTHENTICATION_REQUIRED");
    }

    /** Sends the envelope as form data / result: MEDIA_TYPE_UNSUPPORTED. */
    @Test
    void wrongContentTypeIsRefused() {
        byte[] body = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().xml());
        assertCode(submit(TestGateway.DESK, "application/x-www-form-urlencoded", body, 415), "MEDIA_TYPE_UNSUPPORTED");
    }

    /** Asks for things that do not exist or are not the caller's / result: the NOT_FOUND codes, revealing nothing. */
    @Test
    void lookupsOfOthersOrUnknownThingsFindNothing() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.LAND_OFFICE);
        gateway.client(TestGateway.DESK).submit(gateway.sign(TestGateway.DESK, envelope.xml()));
        String finance = gateway.token(TestGateway.FINANCE);

        assertCode(send("GET", "envelopes/" + envelope.id(), finance, null, null, 404), "ENVELOPE_NOT_FOUND");
        assertCode(send("GET", "dossiers/" + envelope.dossierCode(), finance, null, null, 404), "DOSSIER_NOT_FOUND");
        assertCode(send("GET", "inbox/" + envelope.id(), finance, null, null, 404), "INBOX_ENTRY_NOT_FOUND");
        assertCode(send("POST", "inbox/" + envelope.id() + "/ack", finance, null, new byte[0], 404), "INBOX_ENTRY_NOT_FOUND");
        assertCode(send("GET", "no-such-thing", finance, null, null, 404), "RESOURCE_NOT_FOUND");
    }

    private JsonNode submit(String agency, String contentType, byte[] body, int expectedStatus) {
        return send("POST", "envelopes", gateway.token(agency), contentType, body, expectedStatus);
    }

    private JsonNode send(String method, String path, @Nullable String token, @Nullable String contentType,
                          byte @Nullable [] body, int expectedStatus) {
        return TestHttp.problem(gateway, method, path, token, contentType, body, expectedStatus);
    }

    private static int lineOf(byte[] document, String text) {
        String[] lines = new String(document, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the document");
    }

    private static void assertCode(JsonNode problem, String code) {
        TestHttp.assertCode(problem, code);
    }

    private void assertNothingStored(String envelopeId) {
        for (String table : new String[] {"envelope WHERE id", "delivery WHERE envelope_id", "outbox WHERE envelope_id",
                "handoff WHERE envelope_id"}) {
            assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM " + table + " = ?").param(envelopeId)
                    .query(Long.class).single()).as(table).isZero();
        }
    }
}
