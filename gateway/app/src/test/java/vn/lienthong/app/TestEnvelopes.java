package vn.lienthong.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
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
        private String createdAt = "2026-11-27T09:15:00+07:00";
        private String fromOfficer = "Nguyễn Văn An";
        private String receivedAt;
        private String promisedReturnAt = "2026-12-11T17:00:00+07:00";
        private String step = "Thẩm định hồ sơ";
        private String allowedTime = "<AllowedTime unit=\"working-days\">5</AllowedTime>";
        private Integer status;
        private String note;
        private String applicant = "<Applicant><Name>Trần Thị Bình</Name></Applicant>";

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

        Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        Builder fromOfficer(String officer) {
            this.fromOfficer = officer;
            return this;
        }

        Builder receivedAt(String receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        /** The promised return time; null leaves it out. */
        Builder promisedReturnAt(String promisedReturnAt) {
            this.promisedReturnAt = promisedReturnAt;
            return this;
        }

        /** The step handed over; a null name leaves the step out, a null unit its allowed time. */
        Builder step(String name, int amount, String unit) {
            this.step = name;
            this.allowedTime = name == null || unit == null ? null
                    : "<AllowedTime unit=\"" + unit + "\">" + amount + "</AllowedTime>";
            return this;
        }

        Builder noStep() {
            return step(null, 0, null);
        }

        Builder status(Integer status) {
            this.status = status;
            return this;
        }

        Builder note(String note) {
            this.note = note;
            return this;
        }

        Builder applicant(String name, String address, String phone) {
            this.applicant = "<Applicant><Name>" + name + "</Name>"
                    + (address == null ? "" : "<Address>" + address + "</Address>")
                    + (phone == null ? "" : "<Phone>" + phone + "</Phone>") + "</Applicant>";
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
            StringBuilder dossier = new StringBuilder();
            dossier.append("<Code>").append(dossierCode).append("</Code>")
                    .append("<ProcedureCode>1.004227</ProcedureCode>")
                    .append("<ProcedureName>Đăng ký biến động đất đai</ProcedureName>");
            optional(dossier, "ReceivedAt", receivedAt);
            optional(dossier, "PromisedReturnAt", promisedReturnAt);
            if (step != null) {
                dossier.append("<Step><Name>").append(step).append("</Name>")
                        .append(allowedTime == null ? "" : allowedTime).append("</Step>");
            }
            optional(dossier, "Status", status == null ? null : status.toString());
            optional(dossier, "Note", note);
            dossier.append(applicant == null ? "" : applicant);
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Envelope xmlns="urn:lienthong:envelope:v1">
                      <Header>
                        <EnvelopeId>%s</EnvelopeId>
                        <CreatedAt>%s</CreatedAt>
                        <Kind>%s</Kind>
                        <From officer="%s">%s</From>
                        %s
                      </Header>
                      <Dossier>%s</Dossier>
                      %s
                    </Envelope>
                    """.formatted(id, createdAt, kind, fromOfficer, from, recipients, dossier, componentsXml);
        }

        private static void optional(StringBuilder xml, String element, String value) {
            if (value != null) {
                xml.append('<').append(element).append('>').append(value).append("</").append(element).append('>');
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 SHA-256 of a stream, read to its end. */
    static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                digesting.transferTo(OutputStream.nullOutputStream());
            }
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
