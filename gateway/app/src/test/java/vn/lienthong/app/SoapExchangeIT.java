package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.apache.cxf.attachment.ByteDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.app.demo.DemoProvisioning;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.signature.StreamingEnvelopedSigner;
import vn.lienthong.soap.exchange.AcknowledgeEnvelope;
import vn.lienthong.soap.exchange.AcknowledgeEnvelopeResponse;
import vn.lienthong.soap.exchange.DossierTimeline;
import vn.lienthong.soap.exchange.EnvelopeState;
import vn.lienthong.soap.exchange.Exchange;
import vn.lienthong.soap.exchange.FetchEnvelope;
import vn.lienthong.soap.exchange.FetchEnvelopeResponse;
import vn.lienthong.soap.exchange.GatewayFault;
import vn.lienthong.soap.exchange.GatewayFaultDetail;
import vn.lienthong.soap.exchange.GetDossierTimeline;
import vn.lienthong.soap.exchange.GetEnvelopeState;
import vn.lienthong.soap.exchange.Handoff;
import vn.lienthong.soap.exchange.ListPending;
import vn.lienthong.soap.exchange.PendingEnvelope;
import vn.lienthong.soap.exchange.SubmitEnvelope;
import vn.lienthong.soap.exchange.SubmitEnvelopeResponse;

/**
 * The SOAP exchange end to end, with a CXF client generated from the WSDL the gateway serves:
 * the same operations and answers as REST, MTOM both ways, every refusal a GatewayFault with
 * the stable code of the REST problem, and large envelopes streamed.
 */
class SoapExchangeIT {

    private final TestGateway gateway = SharedGateway.gateway();

    @TempDir
    Path folder;

    /**
     * Submits an envelope for the finance department over SOAP, then lists, fetches and
     * acknowledges it as finance, and follows it as the desk / result: a verifiable receipt,
     * the same bytes fetched, taken, DELIVERED, and a hand-off in the dossier's timeline.
     */
    @Test
    void envelopeGoesFromSubmissionToAcknowledgementOverSoap() throws GatewayFault, IOException {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml());
        Exchange desk = SoapClients.exchange(gateway, gateway.token(TestGateway.DESK));
        Exchange finance = SoapClients.exchange(gateway, gateway.token(TestGateway.FINANCE));

        SubmitEnvelopeResponse submitted = desk.submitEnvelope(submission(signed));
        assertThat(submitted.isReplayed()).isFalse();
        ReceiptVerification.VerifiedReceipt receipt = new ReceiptVerification(gateway.gatewayCertificate())
                .verify(submitted.getReceipt(), signed);
        assertThat(receipt.envelopeId()).isEqualTo(envelope.id());
        SubmitEnvelopeResponse again = desk.submitEnvelope(submission(signed));
        assertThat(again.isReplayed()).isTrue();
        assertThat(again.getReceipt()).isEqualTo(submitted.getReceipt());

        PendingEnvelope pending = await().atMost(Duration.ofSeconds(30)).until(() -> finance.listPending(new ListPending())
                .getEntry().stream().filter(e -> e.getEnvelopeId().equals(envelope.id())).findFirst().orElse(null),
                entry -> entry != null);
        assertThat(pending.getSender()).isEqualTo(TestGateway.DESK);
        assertThat(pending.getKind()).isEqualTo("handoff");
        assertThat(pending.getDossierCode()).isEqualTo(envelope.dossierCode());
        assertThat(pending.getSize()).isEqualTo(signed.length);

        FetchEnvelopeResponse fetched = finance.fetchEnvelope(fetch(envelope.id()));
        assertThat(fetched.getEnvelopeId()).isEqualTo(envelope.id());
        assertThat(fetched.getSender()).isEqualTo(TestGateway.DESK);
        assertThat(fetched.getDossierCode()).isEqualTo(envelope.dossierCode());
        try (InputStream content = fetched.getEnvelope().getInputStream()) {
            assertThat(content.readAllBytes()).isEqualTo(signed);
        }

        AcknowledgeEnvelope ack = new AcknowledgeEnvelope();
        ack.setEnvelopeId(envelope.id());
        AcknowledgeEnvelopeResponse acknowledged = finance.acknowledgeEnvelope(ack);
        assertThat(acknowledged.getRecipient()).isEqualTo(TestGateway.FINANCE);
        assertThat(finance.acknowledgeEnvelope(ack).getTakenAt()).isEqualTo(acknowledged.getTakenAt());
        assertThat(finance.listPending(new ListPending()).getEntry())
                .noneMatch(entry -> entry.getEnvelopeId().equals(envelope.id()));

        GetEnvelopeState stateRequest = new GetEnvelopeState();
        stateRequest.setEnvelopeId(envelope.id());
        EnvelopeState state = desk.getEnvelopeState(stateRequest).getEnvelope();
        assertThat(state.getSha256()).isEqualTo(TestEnvelopes.sha256(signed));
        assertThat(state.getRecipient()).singleElement().satisfies(recipient -> {
            assertThat(recipient.getAgency()).isEqualTo(TestGateway.FINANCE);
            assertThat(recipient.getState()).isEqualTo("DELIVERED");
            assertThat(recipient.getTakenAt()).isEqualTo(acknowledged.getTakenAt());
        });

        GetDossierTimeline timelineRequest = new GetDossierTimeline();
        timelineRequest.setDossierCode(envelope.dossierCode());
        DossierTimeline timeline = desk.getDossierTimeline(timelineRequest).getDossier();
        assertThat(timeline.getCode()).isEqualTo(envelope.dossierCode());
        assertThat(timeline.getProcedureCode()).isEqualTo("1.004227");
        assertThat(timeline.getApplicant().getName()).isEqualTo("Trần Thị Bình");
        Handoff handoff = timeline.getHandoff().get(0);
        assertThat(handoff.getEnvelopeId()).isEqualTo(envelope.id());
        assertThat(handoff.getGiver().getCode()).isEqualTo(TestGateway.DESK);
        assertThat(handoff.getTaker().getCode()).isEqualTo(TestGateway.FINANCE);
        assertThat(handoff.getStep()).isEqualTo("Thẩm định hồ sơ");
        assertThat(handoff.getAllowedTime().getUnit()).isEqualTo("working-days");
        assertThat(handoff.getTakenAt()).isEqualTo(acknowledged.getTakenAt());
        assertThat(handoff.getState()).isEqualTo("TAKEN");
    }

    /** Calls without credentials / result: AUTHENTICATION_REQUIRED, status 401, nothing stored. */
    @Test
    void callWithoutCredentialsIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        Exchange anonymous = SoapClients.exchange(gateway, null);
        GatewayFaultDetail fault = SoapClients.fault("AUTHENTICATION_REQUIRED",
                () -> anonymous.submitEnvelope(submission(gateway.sign(TestGateway.DESK, envelope.xml()))));
        assertThat(fault.getStatus()).isEqualTo(401);
        assertNothingStored(envelope.id());
    }

    /** Calls with a token the gateway does not know / result: AUTHENTICATION_FAILED, nothing stored. */
    @Test
    void callWithUnknownTokenIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        Exchange stranger = SoapClients.exchange(gateway, "lt_not-a-token-the-gateway-issued");
        SoapClients.fault("AUTHENTICATION_FAILED",
                () -> stranger.submitEnvelope(submission(gateway.sign(TestGateway.DESK, envelope.xml()))));
        SoapClients.fault("AUTHENTICATION_FAILED", () -> stranger.listPending(new ListPending()));
        assertNothingStored(envelope.id());
    }

    /** Changes a signed envelope / result: SIGNATURE_INVALID, status 400, nothing stored. */
    @Test
    void tamperedEnvelopeIsRefused() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        String signed = new String(gateway.sign(TestGateway.DESK, envelope.xml()), StandardCharsets.UTF_8);
        byte[] tampered = TestEnvelopes.utf8(signed.replace("Trần Thị Bình", "Trần Thị Bính"));
        GatewayFaultDetail fault = SoapClients.fault("SIGNATURE_INVALID", () -> desk().submitEnvelope(submission(tampered)));
        assertThat(fault.getStatus()).isEqualTo(400);
        assertNothingStored(envelope.id());
    }

    /** Sends plain text as the envelope / result: ENVELOPE_NOT_XML with its line as a fault property. */
    @Test
    void envelopeThatIsNotXmlIsRefused() {
        GatewayFaultDetail fault = SoapClients.fault("ENVELOPE_NOT_XML",
                () -> desk().submitEnvelope(submission(TestEnvelopes.utf8("<Envelope>\n<unclosed>\n"))));
        assertThat(fault.getProperty()).anySatisfy(property -> assertThat(property.getName()).isEqualTo("line"));
    }

    /** Sends an envelope with an unknown Kind / result: ENVELOPE_SCHEMA_INVALID with the rule and line properties. */
    @Test
    void schemaInvalidEnvelopeIsRefusedWithItsProperties() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        byte[] signed = gateway.sign(TestGateway.DESK, envelope.xml().replace("<Kind>handoff</Kind>", "<Kind>teleport</Kind>"));
        GatewayFaultDetail fault = SoapClients.fault("ENVELOPE_SCHEMA_INVALID", () -> desk().submitEnvelope(submission(signed)));
        assertThat(fault.getProperty()).anySatisfy(property -> {
            assertThat(property.getName()).isEqualTo("rule");
            assertThat(property.getValue()).startsWith("cvc-");
        });
        assertNothingStored(envelope.id());
    }

    /** Sends an attachment over the size limit / result: ENVELOPE_TOO_LARGE, status 413. */
    @Test
    void envelopeOverTheSizeLimitIsRefused() {
        byte[] big = new byte[SharedGateway.MAX_ENVELOPE_BYTES + 1];
        Arrays.fill(big, (byte) 'x');
        GatewayFaultDetail fault = SoapClients.fault("ENVELOPE_TOO_LARGE", () -> desk().submitEnvelope(submission(big)));
        assertThat(fault.getStatus()).isEqualTo(413);
    }

    /** Sends other bytes under an id already accepted / result: ENVELOPE_ID_CONFLICT, status 409. */
    @Test
    void otherBytesUnderAnAcceptedIdAreRefused() throws GatewayFault {
        TestEnvelopes.Builder first = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        desk().submitEnvelope(submission(gateway.sign(TestGateway.DESK, first.xml())));
        byte[] other = gateway.sign(TestGateway.DESK, TestEnvelopes.handoff().id(first.id()).to(TestGateway.FINANCE).xml());
        assertThat(SoapClients.fault("ENVELOPE_ID_CONFLICT", () -> desk().submitEnvelope(submission(other))).getStatus())
                .isEqualTo(409);
    }

    /** Asks for an envelope, a state and a dossier the caller cannot have / result: the REST API's not-found codes. */
    @Test
    void unknownEnvelopesAndDossiersAreRefused() {
        SoapClients.fault("INBOX_ENTRY_NOT_FOUND", () -> finance().fetchEnvelope(fetch("no-such-envelope")));
        AcknowledgeEnvelope ack = new AcknowledgeEnvelope();
        ack.setEnvelopeId("no-such-envelope");
        SoapClients.fault("INBOX_ENTRY_NOT_FOUND", () -> finance().acknowledgeEnvelope(ack));
        GetEnvelopeState state = new GetEnvelopeState();
        state.setEnvelopeId("no-such-envelope");
        SoapClients.fault("ENVELOPE_NOT_FOUND", () -> desk().getEnvelopeState(state));
        GetDossierTimeline timeline = new GetDossierTimeline();
        timeline.setDossierCode("000.00.01.H53-261127-9999");
        SoapClients.fault("DOSSIER_NOT_FOUND", () -> desk().getDossierTimeline(timeline));
    }

    /** Uses the inbox as an operator, and submits as one / result: ACCESS_DENIED, as over REST. */
    @Test
    void operatorsHaveNoInboxAndSendNothing() {
        Exchange operator = SoapClients.exchange(gateway, gateway.operatorToken(DemoProvisioning.DEMO_OPERATOR));
        assertThat(SoapClients.fault("ACCESS_DENIED", () -> operator.listPending(new ListPending())).getStatus())
                .isEqualTo(403);
    }

    /** Sends a request without the envelope element / result: REQUEST_INVALID. */
    @Test
    void submissionWithoutEnvelopeIsRefused() {
        SoapClients.fault("REQUEST_INVALID", () -> desk().submitEnvelope(new SubmitEnvelope()));
    }

    /** Posts a body that is not SOAP at all / result: a SOAP fault whose GatewayFault says REQUEST_INVALID. */
    @Test
    void requestThatIsNotSoapIsRefused() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SoapClients.exchangeAddress(gateway))
                .header("Authorization", "Bearer " + gateway.token(TestGateway.DESK))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("this is not a SOAP message")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).containsPattern("<faultcode>\\w+:Client</faultcode>")
                .containsPattern("<(\\w+:)?Code>REQUEST_INVALID</").containsPattern("<(\\w+:)?Status>400</");
    }

    /** Posts a SOAP message with a DOCTYPE declaring an external entity / result: REQUEST_INVALID, nothing expanded. */
    @Test
    void soapMessageWithADoctypeIsRefused() throws IOException, InterruptedException {
        String xxe = "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>"
                + "<FetchEnvelope xmlns='urn:lienthong:exchange:v1'><EnvelopeId>&x;</EnvelopeId></FetchEnvelope>"
                + "</soap:Body></soap:Envelope>";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        SoapClients.exchangeAddress(gateway))
                .header("Authorization", "Bearer " + gateway.token(TestGateway.FINANCE))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(xxe)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).containsPattern("<(\\w+:)?Code>REQUEST_INVALID</").doesNotContain("root:");
    }

    /** Sends an envelope to an agency the gateway does not know / result: RECIPIENT_UNKNOWN, the agency as a property. */
    @Test
    void unknownRecipientIsNamedInTheFault() {
        TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE, "000.00.99.H53");
        GatewayFaultDetail fault = SoapClients.fault("RECIPIENT_UNKNOWN",
                () -> desk().submitEnvelope(submission(gateway.sign(TestGateway.DESK, envelope.xml()))));
        assertThat(fault.getProperty()).anySatisfy(property -> {
            assertThat(property.getName()).isEqualTo("recipients");
            assertThat(property.getValue()).isEqualTo("000.00.99.H53");
        });
        assertNothingStored(envelope.id());
    }

    /**
     * Sends a 30 MB envelope as an MTOM attachment from a file to a gateway whose limit is
     * raised, and fetches it as the recipient / result: receipted with the file's SHA-256 and
     * fetched unchanged, each side streaming (the client from and to files, the gateway spooling).
     */
    @Test
    void largeEnvelopeStreamsThroughMtom() throws IOException, GatewayFault {
        try (TestGateway large = TestGateway.start(TestGateway.newDataDir(), URI.create("http://localhost:1/unused"),
                "--lienthong.ingress.max-envelope-size=64MB")) {
            TestEnvelopes.Builder envelope = TestEnvelopes.handoff().to(TestGateway.FINANCE);
            Path signed = largeSignedEnvelope(large, envelope, 22_000_000);
            assertThat(Files.size(signed)).isGreaterThan(29_000_000L);
            String sha256;
            try (InputStream in = Files.newInputStream(signed)) {
                sha256 = TestEnvelopes.sha256(in);
            }
            SubmitEnvelope submission = new SubmitEnvelope();
            submission.setEnvelope(new DataHandler(new FileDataSource(signed.toFile())));
            SubmitEnvelopeResponse submitted = SoapClients.exchange(large, large.token(TestGateway.DESK))
                    .submitEnvelope(submission);
            assertThat(new ReceiptVerification(large.gatewayCertificate()).verify(submitted.getReceipt(), null)
                    .envelopeSha256()).isEqualTo(sha256);

            Exchange finance = SoapClients.exchange(large, large.token(TestGateway.FINANCE));
            await().atMost(Duration.ofSeconds(60)).until(() -> finance.listPending(new ListPending()).getEntry().stream()
                    .anyMatch(entry -> entry.getEnvelopeId().equals(envelope.id())));
            FetchEnvelopeResponse fetched = finance.fetchEnvelope(fetch(envelope.id()));
            assertThat(fetched.getSize()).isEqualTo(Files.size(signed));
            try (InputStream content = fetched.getEnvelope().getInputStream()) {
                assertThat(TestEnvelopes.sha256(content)).isEqualTo(sha256);
            }
        }
    }

    private Exchange desk() {
        return SoapClients.exchange(gateway, gateway.token(TestGateway.DESK));
    }

    private Exchange finance() {
        return SoapClients.exchange(gateway, gateway.token(TestGateway.FINANCE));
    }

    private static SubmitEnvelope submission(byte[] envelope) {
        SubmitEnvelope submission = new SubmitEnvelope();
        submission.setEnvelope(new DataHandler(new ByteDataSource(envelope, "application/octet-stream")));
        return submission;
    }

    private static FetchEnvelope fetch(String envelopeId) {
        FetchEnvelope fetch = new FetchEnvelope();
        fetch.setEnvelopeId(envelopeId);
        return fetch;
    }

    private void assertNothingStored(String envelopeId) {
        for (String table : new String[] {"envelope WHERE id", "delivery WHERE envelope_id", "outbox WHERE envelope_id",
                "handoff WHERE envelope_id"}) {
            assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM " + table + " = ?").param(envelopeId)
                    .query(Long.class).single()).as(table).isZero();
        }
    }

    /** Writes the envelope with a random component of this size as a stream, then signs it as a stream. */
    private Path largeSignedEnvelope(TestGateway target, TestEnvelopes.Builder envelope, int componentBytes)
            throws IOException {
        byte[] component = new byte[componentBytes];
        new Random(componentBytes).nextBytes(component);
        String xml = envelope.component("ban-do.tif", new byte[0], component.length,
                TestEnvelopes.sha256(component)).xml();
        int contentStart = xml.indexOf("<Content>") + "<Content>".length();
        Path unsigned = folder.resolve("unsigned.xml");
        try (OutputStream file = Files.newOutputStream(unsigned)) {
            file.write(xml.substring(0, contentStart).getBytes(StandardCharsets.UTF_8));
            try (OutputStream base64 = Base64.getEncoder().wrap(new FilterOutputStream(file) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            })) {
                base64.write(component);
            }
            file.write(xml.substring(contentStart).getBytes(StandardCharsets.UTF_8));
        }
        Path signed = folder.resolve("signed.xml");
        new StreamingEnvelopedSigner(target.signingKey(TestGateway.DESK)).sign(unsigned, signed);
        return signed;
    }
}
