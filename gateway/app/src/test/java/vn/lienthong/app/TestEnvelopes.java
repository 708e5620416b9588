package vn.lienthong.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds envelope XML for tests; each builder starts with a fresh envelope id and dossier code. */
final class TestEnvelopes {

    private static final AtomicInteger DOSSIER_SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private TestEnvelopes() {
    }

    static Builder handoff() {
        return new Builder();
    }

    static final class Builder {
        private String id = "it-" + UUID.randomUUID();
        private String kind = "handoff";
        private String from = TestGateway.DESK;
        private List<String> to = List.of(TestGateway.LAND_OFFICE);
        private String dossierCode = "000.00.01.H53-261127-" + String.format("%04d", DOSSIER_SEQUENCE.incrementAndGet() % 10000);
        private final List<String> components = new ArrayList<>();

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        Builder from(String from) {
            this.from = from;
            return this;
        }

        Builder to(String... to) {
            this.to = List.of(to);
            return this;
        }

        Builder dossier(String code) {
            this.dossierCode = code;
            return this;
        }

        /** An inline component whose declared size and digest match its content. */
        Builder component(String name, byte[] content) {
            return component(name, content, content.length, sha256(content));
        }

        /** An inline component with the size and digest declared as given, matching or not. */
        Builder component(String name, byte[] content, long declaredSize, String declaredSha256) {
            components.add("""
                    <Component>
                      <Name>%s</Name><MediaType>application/octet-stream</MediaType>
                      <Size>%d</Size><Sha256>%s</Sha256>
                      <Content>%s</Content>
                    </Component>""".formatted(name, declaredSize, declaredSha256,
                    Base64.getEncoder().encodeToString(content)));
            return this;
        }

        String id() {
            return id;
        }

        String dossierCode() {
            return dossierCode;
        }

        String xml() {
            StringBuilder recipients = new StringBuilder();
            to.forEach(code -> recipients.append("<To>").append(code).append("</To>"));
            String componentsXml = components.isEmpty() ? ""
                    : "<Components>" + String.join("", components) + "</Components>";
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Envelope xmlns="urn:lienthong:envelope:v1">
                      <Header>
                        <EnvelopeId>%s</EnvelopeId>
                        <CreatedAt>2026-11-27T09:15:00+07:00</CreatedAt>
                        <Kind>%s</Kind>
                        <From officer="Nguyễn Văn An">%s</From>
                        %s
                      </Header>
                      <Dossier>
                        <Code>%s</Code>
                        <ProcedureCode>1.004227</ProcedureCode>
                        <ProcedureName>Đăng ký biến động đất đai</ProcedureName>
                        <PromisedReturnAt>2026-12-11T17:00:00+07:00</PromisedReturnAt>
                        <Step><Name>Thẩm định hồ sơ</Name><AllowedTime unit="working-days">5</AllowedTime></Step>
                        <Applicant><Name>Trần Thị Bình</Name></Applicant>
                      </Dossier>
                      %s
                    </Envelope>
                    """.formatted(id, kind, from, recipients, dossierCode, componentsXml);
        }
    }

    static String sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
