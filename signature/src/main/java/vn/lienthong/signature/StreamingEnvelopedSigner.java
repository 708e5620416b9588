package vn.lienthong.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.xml.SecureXml;

/**
 * Signs a document of any size the way {@link EnvelopedSigner} signs one in memory: an
 * enveloped signature over the whole document, exclusive C14N, SHA-256, appended as the last
 * child of the document element. The document is read twice as a stream: once to digest its
 * canonical form, once to copy it with the signature inserted before the root's end tag.
 */
public final class StreamingEnvelopedSigner {

    private final SigningKey key;
    private final SignatureAlgorithm algorithm;
    private final SecureXml xml = new SecureXml();

    public StreamingEnvelopedSigner(SigningKey key) {
        XmlDsig.init();
        this.key = key;
        this.algorithm = SignatureAlgorithm.forKey(key.privateKey());
    }

    /** Writes the signed document to {@code signed}; {@code unsigned} must carry no signature and end with its root's end tag. */
    public void sign(Path unsigned, Path signed) {
        try {
            byte[] signature = signatureElement(digest(unsigned));
            long insertAt = rootEndTag(unsigned);
            try (InputStream in = Files.newInputStream(unsigned); OutputStream out = Files.newOutputStream(signed)) {
                copy(in, out, insertAt);
                out.write(signature);
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sign " + unsigned, e);
        }
    }

    private byte[] digest(Path unsigned) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        StreamingCanonicalizer canonical = new StreamingCanonicalizer(
                new DigestOutputStream(OutputStream.nullOutputStream(), sha256), true, false, Set.of());
        try (InputStream in = Files.newInputStream(unsigned)) {
            xml.stream(in, canonical);
        }
        if (canonical.signatureSkipped()) {
            throw new IllegalArgumentException("the document is already signed; sign the unsigned original");
        }
        return sha256.digest();
    }

    /** The signature, built as text with the digest, then signed over its canonical SignedInfo. */
    private byte[] signatureElement(byte[] digest) {
        String template = """
                <ds:Signature xmlns:ds="%s"><ds:SignedInfo>\
                <ds:CanonicalizationMethod Algorithm="%s"/><ds:SignatureMethod Algorithm="%s"/>\
                <ds:Reference URI=""><ds:Transforms>\
                <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
                <ds:Transform Algorithm="%2$s"/></ds:Transforms>\
                <ds:DigestMethod Algorithm="%s"/><ds:DigestValue>%s</ds:DigestValue></ds:Reference>\
                </ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s\
                </ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>""".formatted(XmlDsig.NAMESPACE,
                Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, algorithm.uri(), DigestAlgorithm.SHA256.uri(),
                Base64.getEncoder().encodeToString(digest), certificate());
        Document document = xml.parse(template.getBytes(StandardCharsets.UTF_8));
        try {
            XMLSignature signature = new XMLSignature(document.getDocumentElement(), "", true);
            SignedInfo signedInfo = signature.getSignedInfo();
            org.apache.xml.security.algorithms.SignatureAlgorithm signer = signedInfo.getSignatureAlgorithm();
            signer.initSign(key.privateKey());
            signer.update(signedInfo.getCanonicalizedOctetStream());
            Element value = (Element) document.getElementsByTagNameNS(XmlDsig.NAMESPACE, "SignatureValue").item(0);
            value.setTextContent(Base64.getEncoder().encodeToString(signer.sign()));
        } catch (XMLSecurityException | IOException e) {
            throw new IllegalStateException("signing failed with " + algorithm + ": " + e.getMessage(), e);
        }
        return withoutDeclaration(document);
    }

    private String certificate() {
        try {
            return Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /**
     * Where the root's end tag starts: the last {@code </} of the file, found by reading back
     * from the end; only whitespace may follow the end tag.
     */
    private static long rootEndTag(Path file) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "r")) {
            for (long position = access.length() - 2; position >= 0; position--) {
                access.seek(position);
                if (access.read() == '<' && access.read() == '/') {
                    return position;
                }
            }
        }
        throw new IllegalArgumentException(file + " has no end tag");
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("document ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static byte[] withoutDeclaration(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise the signature", e);
        }
    }
}
