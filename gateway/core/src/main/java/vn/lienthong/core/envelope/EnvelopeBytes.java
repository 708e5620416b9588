package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import vn.lienthong.core.error.ErrorCode;

/**
 * The exact bytes an agency submitted, with their SHA-256. These bytes, never a
 * re-serialisation, are what the gateway stores, forwards and states in its receipt.
 * The array is shared, not copied: nothing may change it.
 */
public final class EnvelopeBytes {

    private final byte[] content;
    private final String sha256;

    private EnvelopeBytes(byte[] content, String sha256) {
        this.content = content;
        this.sha256 = sha256;
    }

    public static EnvelopeBytes of(byte[] content) {
        return new EnvelopeBytes(content, Base64.getEncoder().encodeToString(sha256Digest().digest(content)));
    }

    /**
     * Reads a body, refusing it as soon as it passes {@code maxBytes} rather than after
     * buffering all of it.
     */
    public static EnvelopeBytes read(InputStream body, long maxBytes) {
        try (InputStream in = body) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw ErrorCode.ENVELOPE_TOO_LARGE.exception("the envelope exceeds " + maxBytes + " bytes")
                        .with("maxBytes", maxBytes).build();
            }
            return of(content);
        } catch (IOException e) {
            throw ErrorCode.REQUEST_BODY_UNREADABLE.exception("the request body could not be read: " + e.getMessage())
                    .cause(e).build();
        }
    }

    public byte[] content() {
        return content;
    }

    /** Base64 SHA-256 of the content. */
    public String sha256() {
        return sha256;
    }

    public int size() {
        return content.length;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
