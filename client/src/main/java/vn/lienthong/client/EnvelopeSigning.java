package vn.lienthong.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.client.edxml.DossierEdxml;
import vn.lienthong.signature.EnvelopedSigner;
import vn.lienthong.signature.SigningKey;
import vn.lienthong.xml.SecureXml;

/**
 * Signs an envelope the way the gateway verifies it: one enveloped signature over the whole
 * document, as the last child of the document element; in an edXML document, as the last
 * child of {@code edXMLHeader}, where QCVN 102:2016 puts it.
 *
 * <p>The key comes from a PKCS#12 file ({@link #fromPkcs12}), from any {@link KeyStore} the
 * caller has loaded ({@link #fromKeyStore}), or from an HSM or USB token: load its PKCS#11
 * key store and pass the token's {@link Provider} ({@link #fromKeyStore(KeyStore, String, char[], Provider)}),
 * so that the token computes the signature and the private key never leaves it.
 */
public final class EnvelopeSigning {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private final SecureXml xml = new SecureXml();
    private final EnvelopedSigner signer;

    public EnvelopeSigning(SigningKey key) {
        this.signer = new EnvelopedSigner(key);
    }

    /** Signs with {@code key}, the signature value computed by {@code provider} (a token's PKCS#11 provider). */
    public EnvelopeSigning(SigningKey key, Provider provider) {
        this.signer = new EnvelopedSigner(key, provider);
    }

    /** The first private key of a PKCS#12 file, such as {@code data/demo/<agency>/signing-key.p12}. */
    public static EnvelopeSigning fromPkcs12(Path file, char[] password) {
        return new EnvelopeSigning(SigningKey.fromPkcs12(file, password));
    }

    /**
     * The key under {@code alias} of a key store the caller loaded, signing with the JDK's
     * providers in their usual order (which pick the token's provider for a token's key when
     * that provider is installed).
     */
    public static EnvelopeSigning fromKeyStore(KeyStore store, String alias, char @Nullable [] password) {
        return new EnvelopeSigning(SigningKey.fromKeyStore(store, alias, password));
    }

    /**
     * The key under {@code alias}, the signature computed by {@code provider}: for a PKCS#11
     * token, {@code store} is {@code KeyStore.getInstance("PKCS11", provider)} loaded with the
     * PIN, and the private key is a handle on the token.
     */
    public static EnvelopeSigning fromKeyStore(KeyStore store, String alias, char @Nullable [] password, Provider provider) {
        return new EnvelopeSigning(SigningKey.fromKeyStore(store, alias, password), provider);
    }

    /** The certificate the gateway will see in the signature's KeyInfo. */
    public X509Certificate certificate() {
        return signer.key().certificate();
    }

    /** @return the signed envelope, ready to submit as is */
    public byte[] sign(byte[] unsignedEnvelope) {
        Document document = xml.parse(unsignedEnvelope);
        if (document.getElementsByTagNameNS(DSIG, "Signature").getLength() > 0) {
            throw new IllegalArgumentException("the envelope is already signed; sign the unsigned original");
        }
        if (DossierEdxml.isEdxml(document.getDocumentElement())) {
            Element header = DossierEdxml.signatureParent(document).orElseThrow(() ->
                    new IllegalArgumentException("the edXML document has no edXMLEnvelope/edXMLHeader to hold its signature"));
            if (header.getElementsByTagNameNS("*", "Signature").getLength() > 0) {
                throw new IllegalArgumentException("the edXML header already has a Signature element (a copied placeholder?); "
                        + "sign the unsigned original");
            }
            signer.sign(document, header);
        } else {
            signer.sign(document);
        }
        return SecureXml.serialize(document);
    }

    public String signToString(byte[] unsignedEnvelope) {
        return new String(sign(unsignedEnvelope), StandardCharsets.UTF_8);
    }
}
