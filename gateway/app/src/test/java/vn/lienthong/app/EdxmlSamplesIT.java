package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.SigningKey;

/**
 * The real edXML messages of public integrations, through a real gateway: every well-formed
 * one is validated and routed (fan-out to each To, revisions linked to their document, status
 * messages back to the sender and recorded per recipient), under the sample-replay policy
 * that sets their placeholder signatures aside; the malformed one and the placeholder
 * attachment are refused precisely, and nothing of them is stored. A gateway with the
 * default policy refuses the same samples for their signatures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdxmlSamplesIT {

    private static final String VPCP = "000.00.00.G22";
    private static final String NGHE_AN = "000.00.00.H41";
    private static final String DOCUMENT_ID = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT";
    private static final String FIRST = "all4u1089_truclienthong-example__xml_dc0bdef0-c7a3-4aaf-b717-777303442973.edxml";
    private static final String REVOCATION = "all4u1089_truclienthong-example__resources_edoc_revocation.edxml";
    /** Every agency the samples name, all pull agencies here so their inboxes can be read. */
    private static final List<String> AGENCIES = List.of(VPCP, NGHE_AN, "000.00.00.H14", "000.00.00.G17",
            "000.00.00.A80", "28.22.H17", "000.00.00.H53", "000.00.12.H53", "000.00.11.H53", "000.00.01.A53");

    private static Path samples;
    private static TestGateway gateway;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void start() {
        samples = EdxmlSamples.folder();
        Assumptions.assumeTrue(samples != null, EdxmlSamples::skipMessage);
        // The test policy: placeholder signatures set aside, and the older three-part codes one sample uses.
        gateway = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:9/unused"),
                "--lienthong.edxml.verify-signatures=false",
                "--lienthong.agencies.code-pattern=(\\d{2,3}\\.){2,3}[A-Z]\\d{2}|[A-Z]\\d{2}(\\.[A-Z0-9]{1,8}){0,8}");
        for (String agency : AGENCIES) {
            tokens.put(agency, register(gateway, agency));
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void aDocumentFansOutToEveryRecipient() {
        JsonNode receipt = accepted(VPCP, FIRST);
        String envelopeId = receipt.get("envelopeId").asString();
        assertThat(envelopeId).startsWith("edxml-");
        for (String recipient : List.of(NGHE_AN, "000.00.00.H14", "000.00.00.G17")) {
            JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> json(get("inbox", recipient)),
                    listed -> listed.get("entries").findValuesAsString("envelopeId").contains(envelopeId));
            assertThat(inbox.get("entries").get(0).get("format").asString()).isEqualTo("edxml");
        }
        HttpResponse<String> fetched = get("inbox/" + envelopeId, NGHE_AN);
        assertThat(fetched.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(EdxmlSamples.read(samples, FIRST));
        assertThat(fetched.headers().firstValue("Lienthong-Format")).hasValue("edxml");
        assertThat(fetched.headers().firstValue("Lienthong-Accepted-At")).isPresent();

        JsonNode document = document(VPCP, DOCUMENT_ID, VPCP);
        assertThat(document.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(document.get("recipients").findValuesAsString("agency"))
                .containsExactly("000.00.00.G17", "000.00.00.H14", NGHE_AN);
    }

    @Test
    @Order(2)
    void sendingTheSameMessageAgainIsARetry() {
        HttpResponse<String> again = submit(VPCP, EdxmlSamples.read(samples, FIRST));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(again.headers().firstValue("Lienthong-Receipt-Replayed")).hasValue("true");
    }

    @Test
    @Order(3)
    void revisionsLinkToTheirDocument() {
        accepted(VPCP, REVOCATION);
        assertThat(document(VPCP, DOCUMENT_ID, VPCP).get("state").asString()).isEqualTo("REVOKED");
        accepted(VPCP, "all4u1089_truclienthong-example__resources_edoc_update.edxml");
        accepted(VPCP, "QuangChuIT_edoc-integrator__edoc-webapp_src_main_resources_edoc_update.edxml");
        assertThat(document(VPCP, DOCUMENT_ID, VPCP).get("state").asString()).isEqualTo("UPDATED");
        accepted(VPCP, "all4u1089_truclienthong-example__resources_edoc_replacement.edxml");
        JsonNode document = document(VPCP, DOCUMENT_ID, VPCP);
        assertThat(document.get("state").asString()).isEqualTo("REPLACED");
        assertThat(document.get("messages").findValuesAsString("revision"))
                .containsExactly("new", "revoke", "update", "update", "replace");
        assertThat(document.get("messages").findValues("linked")).allMatch(JsonNode::asBoolean);
    }

    @Test
    @Order(4)
    void statusMessagesGoBackToTheSenderAndAreKeptPerRecipient() {
        List<String> fromNgheAn = List.of("inbox__01", "", "rejection_02", "acceptance_03", "assignment_04",
                "processing_05", "finish_06", "change-acceptance_15", "change-rejection_16");
        for (String status : fromNgheAn) {
            accepted(NGHE_AN, "all4u1089_truclienthong-example__resources_status" + (status.isEmpty() ? "" : "_" + status)
                    + ".edxml");
        }
        accepted(NGHE_AN, "QuangChuIT_edoc-integrator__edoc-service_src_main_resources_status_processing_05.edxml");
        accepted(VPCP, "all4u1089_truclienthong-example__resources_status_cancellation_13.edxml");

        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("inbox", VPCP)).get("entries")
                .findValuesAsString("kind").stream().filter("document-status"::equals).count() == 10);
        JsonNode document = document(VPCP, DOCUMENT_ID, NGHE_AN);
        JsonNode ngheAn = recipient(document, NGHE_AN);
        assertThat(ngheAn.get("statusCode").asString()).isEqualTo("13");
        assertThat(ngheAn.get("reportedBy").asString()).isEqualTo(VPCP);
        assertThat(recipient(document, "000.00.00.H14").get("statusCode").isNull()).isTrue();
        assertThat(document.get("messages").findValuesAsString("statusCode")).filteredOn(code -> !code.isEmpty())
                .containsExactly("01", "01", "02", "03", "04", "05", "06", "15", "16", "05", "13");
        assertThat(document.get("messages").findValuesAsString("statusMeaning"))
                .contains("refused", "processing finished");
    }

    @Test
    @Order(5)
    void anotherSendersDocumentIdIsAnotherDocument() {
        accepted("000.00.00.A80", "all4u1089_truclienthong-example__resources_edoc_new.edxml");
        accepted("000.00.11.H53", "QuangChuIT_edoc-integrator__edoc-service_src_main_resources_edoc_new.edxml");
        assertThat(document("000.00.00.A80", DOCUMENT_ID, "28.22.H17").get("state").asString()).isEqualTo("ACTIVE");
        // A third party sees neither.
        TestHttp.assertCode(json(getDocument(VPCP + "&documentId=" + DOCUMENT_ID.replace("G22", "G99"), NGHE_AN)),
                "EDXML_DOCUMENT_NOT_FOUND");
    }

    @Test
    @Order(6)
    void theMalformedSampleIsRefusedWithItsLine() {
        JsonNode problem = refused(VPCP, EdxmlSamples.read(samples, "all4u1089_truclienthong-example__resources_edoc.edxml"),
                400, "ENVELOPE_NOT_XML");
        assertThat(problem.get("line").asInt()).isPositive();
        assertThat(problem.get("detail").asString()).contains("From");
    }

    @Test
    @Order(7)
    void thePlaceholderAttachmentIsRefusedAsBadBase64() {
        String malformed = new String(EdxmlSamples.read(samples, "all4u1089_truclienthong-example__resources_edoc.edxml"),
                StandardCharsets.UTF_8);
        String placeholder = malformed.substring(malformed.indexOf("${"), malformed.indexOf('}', malformed.indexOf("${")) + 1);
        String sample = new String(EdxmlSamples.read(samples, "all4u1089_truclienthong-example__resources_edoc_new.edxml"),
                StandardCharsets.UTF_8);
        int start = sample.indexOf('>', sample.indexOf("ContentTransferEncoded")) + 1;
        int end = sample.indexOf("</", start);
        byte[] withPlaceholder = (sample.substring(0, start) + placeholder + sample.substring(end))
                .getBytes(StandardCharsets.UTF_8);
        JsonNode problem = refused("000.00.00.A80", withPlaceholder, 400, "EDXML_ATTACHMENT_INVALID");
        assertThat(problem.get("contentId").asString()).startsWith("cid:");
    }

    @Test
    @Order(8)
    void aSecondNewDocumentWithAUsedIdIsRefused() {
        String first = new String(EdxmlSamples.read(samples, FIRST), StandardCharsets.UTF_8);
        byte[] different = first.replace("<edXML:Subject>", "<edXML:Subject>(bản khác) ").getBytes(StandardCharsets.UTF_8);
        JsonNode problem = refused(VPCP, different, 409, "EDXML_DOCUMENT_EXISTS");
        assertThat(problem.get("documentId").asString()).isEqualTo(DOCUMENT_ID);
    }

    @Test
    @Order(9)
    void aRevisionOfADocumentNeverCarriedIsRefusedAndNothingStored() throws NoSuchAlgorithmException {
        String revocation = new String(EdxmlSamples.read(samples, REVOCATION), StandardCharsets.UTF_8);
        byte[] unknown = revocation.replace(DOCUMENT_ID, "000.00.00.G22,2015/09/30,9999/VPCP-TTĐT")
                .getBytes(StandardCharsets.UTF_8);
        refused(VPCP, unknown, 422, "EDXML_REFERENCE_UNKNOWN");
        TestHttp.assertCode(json(get("envelopes/" + edxmlId(unknown), VPCP)), "ENVELOPE_NOT_FOUND");
    }

    /** The id the gateway gives an edXML message: edxml- and the first 128 bits of its SHA-256, in hex. */
    private static String edxmlId(byte[] message) throws NoSuchAlgorithmException {
        return "edxml-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message), 0, 16);
    }

    @Test
    @Order(10)
    void aGatewayThatVerifiesRefusesThePlaceholderSignatures() {
        TestGateway strict = SharedGateway.gateway();
        Map<String, String> strictTokens = new HashMap<>();
        for (String agency : List.of(VPCP, NGHE_AN, "000.00.00.H14", "000.00.00.G17")) {
            strictTokens.put(agency, register(strict, agency));
        }
        HttpResponse<String> answer = TestHttp.send(strict, "POST", "envelopes", strictTokens.get(VPCP), "application/xml",
                EdxmlSamples.read(samples, FIRST));
        JsonNode problem = TestHttp.JSON.readTree(answer.body());
        assertThat(problem.get("code").asString()).as(answer.body()).startsWith("SIGNATURE_");
    }

    /** A pull agency with a key of its own: the samples' signatures are placeholders, so it is never used. */
    private static String register(TestGateway on, String agency) {
        SigningKey key = on.demoCa().issueSigningKey(agency, "test", DemoCertificateAuthority.KeyType.RSA_2048,
                Duration.ofDays(30));
        return TestAgencies.register(on, agency, List.of(key), true, key).token();
    }

    private static JsonNode accepted(String agency, String sample) {
        HttpResponse<String> answer = submit(agency, EdxmlSamples.read(samples, sample));
        assertThat(answer.statusCode()).as(sample + ": " + answer.body()).isEqualTo(202);
        return json(TestHttp.send(gateway, "GET", "envelopes/" + receiptId(answer), tokens.get(agency), null, null));
    }

    private static String receiptId(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                .orElseThrow(() -> new AssertionError("no Location in " + answer.headers()));
    }

    private static JsonNode refused(String agency, byte[] body, int status, String code) {
        HttpResponse<String> answer = submit(agency, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode problem = json(answer);
        TestHttp.assertCode(problem, code);
        return problem;
    }

    private static HttpResponse<String> submit(String agency, byte[] body) {
        return TestHttp.send(gateway, "POST", "envelopes", tokens.get(agency), "application/xml", body);
    }

    private static HttpResponse<String> get(String path, String agency) {
        return TestHttp.send(gateway, "GET", path, tokens.get(agency), null, null);
    }

    private static HttpResponse<String> getDocument(String query, String agency) {
        return get("documents?sender=" + query.replace(",", "%2C").replace("/", "%2F").replace("Đ", "%C4%90"), agency);
    }

    private static JsonNode document(String sender, String documentId, String asAgency) {
        HttpResponse<String> answer = getDocument(sender + "&documentId=" + documentId, asAgency);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    private static JsonNode recipient(JsonNode document, String agency) {
        for (JsonNode recipient : document.get("recipients")) {
            if (recipient.get("agency").asString().equals(agency)) {
                return recipient;
            }
        }
        throw new AssertionError(agency + " is not a recipient of " + document);
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return TestHttp.JSON.readTree(answer.body());
    }
}
