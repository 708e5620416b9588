package vn.lienthong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.EnvelopedSignatureVerifier;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * The ways an agency hands its key to the signer: a PKCS#12 file, a loaded KeyStore, and the
 * hook for HSMs and USB tokens, a caller-supplied JCA Provider.
 *
 * <p>No PKCS#11 token is available to tests, so {@link TokenStandIn} plays one in software: its
 * "private key" is an opaque handle with no encoding, and only the stand-in, holding the real
 * key inside, can sign with it, as a token's provider signs with a handle to a key on the
 * device. That shows the signature is computed by the caller's Provider and that the signer
 * needs nothing of the key but the handle; it does not exercise a real PKCS#11 driver.
 */
class EnvelopeSigningProviderTest {

    private static final String ENVELOPE = """
            <Envelope xmlns="urn:lienthong:envelope:v1"><Header><EnvelopeId>p-1</EnvelopeId>\
            <CreatedAt>2026-11-27T09:15:00+07:00</CreatedAt><Kind>handoff</Kind><From>000.00.01.H53</From>\
            <To>000.00.05.H53</To></Header><Dossier><Code>000.00.01.H53-261127-0001</Code>\
            <ProcedureCode>1.004227</ProcedureCode></Dossier></Envelope>""";

    private static final SigningKey KEY = DemoCertificateAuthority.create("Test CA", Duration.ofDays(1))
            .issueSigningKey("desk", "test", DemoCertificateAuthority.KeyType.RSA_2048, Duration.ofDays(1));

    @TempDir
    Path folder;

    /** Signs through a caller-supplied Provider holding the key / result: the Provider signed, the signature verifies. */
    @Test
    void signatureIsComputedByTheCallersProvider() {
        TokenStandIn token = new TokenStandIn(KEY.privateKey());
        SigningKey onToken = new SigningKey(token.handle(), KEY.chain());

        byte[] signed = new EnvelopeSigning(onToken, token).sign(ENVELOPE.getBytes(StandardCharsets.UTF_8));

        assertThat(token.signatures()).isEqualTo(1);
        assertThat(token.handle().getEncoded()).as("the handle carries no key material").isNull();
        assertThat(verifiedSigner(signed)).isEqualTo(KEY.certificate());
    }

    /** Signs the token's handle without its Provider / result: the JDK's providers cannot use it, so nothing is signed. */
    @Test
    void handleCannotSignWithoutTheProvider() {
        TokenStandIn token = new TokenStandIn(KEY.privateKey());
        EnvelopeSigning withoutToken = new EnvelopeSigning(new SigningKey(token.handle(), KEY.chain()));

        assertThatThrownBy(() -> withoutToken.sign(ENVELOPE.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(token.signatures()).isZero();
    }

    /** Loads a KeyStore and names the alias (a PKCS#12 file here) / result: signs with that entry. */
    @Test
    void signsWithAKeyStoreEntry() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("other", DemoCertificateAuthority.create("Other", Duration.ofDays(1)).authority().privateKey(),
                "pw".toCharArray(), new Certificate[] {DemoCertificateAuthority.create("Other", Duration.ofDays(1))
                        .authority().certificate()});
        store.setKeyEntry("desk", KEY.privateKey(), "pw".toCharArray(), KEY.chain().toArray(Certificate[]::new));

        byte[] signed = EnvelopeSigning.fromKeyStore(store, "desk", "pw".toCharArray())
                .sign(ENVELOPE.getBytes(StandardCharsets.UTF_8));

        assertThat(verifiedSigner(signed)).isEqualTo(KEY.certificate());
        assertThatThrownBy(() -> EnvelopeSigning.fromKeyStore(store, "missing", "pw".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    /** Signs with a PKCS#12 file, as the CLI's sign does / result: verifies. */
    @Test
    void signsWithAPkcs12File() throws Exception {
        Path file = folder.resolve("signing-key.p12");
        KEY.writePkcs12(file, "desk", "demo".toCharArray());
        EnvelopeSigning signing = EnvelopeSigning.fromPkcs12(file, "demo".toCharArray());
        assertThat(signing.certificate()).isEqualTo(KEY.certificate());
        assertThat(verifiedSigner(signing.sign(Files.readString(writeEnvelope()).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(KEY.certificate());
    }

    private Path writeEnvelope() throws Exception {
        return Files.writeString(folder.resolve("envelope.xml"), ENVELOPE);
    }

    private static java.security.cert.X509Certificate verifiedSigner(byte[] signed) {
        return new EnvelopedSignatureVerifier().verify(new SecureXml().parse(signed), false).signer();
    }

    /** A private key that is only a reference to a key held elsewhere, like a PKCS#11 key handle. */
    private static final class KeyHandle implements PrivateKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** A software stand-in for a token's provider: signs SHA256withRSA with the key it holds, given its handle. */
    private static final class TokenStandIn extends Provider {
        private static final long serialVersionUID = 1L;

        private final transient PrivateKey heldKey;
        private final KeyHandle handle = new KeyHandle();
        private final AtomicInteger signatures = new AtomicInteger();

        TokenStandIn(PrivateKey heldKey) {
            super("TokenStandIn", "1.0", "a software stand-in for a PKCS#11 token, for tests");
            this.heldKey = heldKey;
            putService(new Service(this, "Signature", "SHA256withRSA", TokenSignature.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new TokenSignature(TokenStandIn.this);
                }
            });
        }

        KeyHandle handle() {
            return handle;
        }

        int signatures() {
            return signatures.get();
        }
    }

    private static final class TokenSignature extends SignatureSpi {
        private final TokenStandIn token;
        private Signature inside;

        TokenSignature(TokenStandIn token) {
            this.token = token;
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            if (key != token.handle) {
                throw new InvalidKeyException("not a key on this token");
            }
            try {
                inside = Signature.getInstance("SHA256withRSA");
                inside.initSign(token.heldKey);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new InvalidKeyException(e);
            }
        }

        @Override
        protected void engineInitVerify(java.security.PublicKey key) throws InvalidKeyException {
            throw new InvalidKeyException("the stand-in only signs");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            inside.update(b);
        }

        @Override
        protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
            inside.update(bytes, offset, length);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            token.signatures.incrementAndGet();
            return inside.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            throw new SignatureException("the stand-in only signs");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
