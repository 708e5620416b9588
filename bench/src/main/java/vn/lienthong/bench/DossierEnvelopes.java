package vn.lienthong.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * Unsigned dossier hand-offs of about 5 KB once signed, as the benchmarks and the load
 * generator submit them: a header, a dossier with one timed step and an applicant, and one
 * inline component of pseudo-random bytes (so nothing compresses or repeats unrealistically).
 */
public final class DossierEnvelopes {

    /** Raw component bytes; base64 and the signature bring the signed envelope to about 5 KB. */
    public static final int COMPONENT_BYTES = 700;

    private final byte[] component;
    private final String componentSha256;

    public DossierEnvelopes(long seed) {
        component = new byte[COMPONENT_BYTES];
        new Random(seed).nextBytes(component);
        componentSha256 = sha256(component);
    }

    /**
     * @param dossierCode a dossier of its own per envelope keeps the load free of per-dossier
     *                    ordering, which would serialise deliveries
     */
    public byte[] handoff(String envelopeId, String from, String to, String dossierCode) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Envelope xmlns="urn:lienthong:envelope:v1">
                  <Header>
                    <EnvelopeId>%s</EnvelopeId>
                    <CreatedAt>2026-11-27T09:15:00+07:00</CreatedAt>
                    <Kind>handoff</Kind>
                    <From officer="Nguyễn Văn An">%s</From>
                    <To>%s</To>
                    <Subject>Chuyển hồ sơ đăng ký biến động đất đai để thẩm định (benchmark)</Subject>
                  </Header>
                  <Dossier>
                    <Code>%s</Code>
                    <ProcedureCode>1.004227</ProcedureCode>
                    <ProcedureName>Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất</ProcedureName>
                    <ReceivedAt>2026-11-27T08:40:00+07:00</ReceivedAt>
                    <PromisedReturnAt>2026-12-11T17:00:00+07:00</PromisedReturnAt>
                    <Step>
                      <Name>Thẩm định hồ sơ</Name>
                      <AllowedTime unit="working-days">5</AllowedTime>
                    </Step>
                    <Applicant>
                      <Name>Trần Thị Bình</Name>
                      <Address>Phường Trung tâm, tỉnh Demo</Address>
                      <Phone>0912345678</Phone>
                    </Applicant>
                  </Dossier>
                  <Components>
                    <Component>
                      <Name>Giấy chứng nhận.pdf</Name>
                      <MediaType>application/pdf</MediaType>
                      <Size>%d</Size>
                      <Sha256>%s</Sha256>
                      <Content>%s</Content>
                    </Component>
                  </Components>
                </Envelope>
                """.formatted(envelopeId, from, to, dossierCode, component.length, componentSha256,
                Base64.getMimeEncoder().encodeToString(component));
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
