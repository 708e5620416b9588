package vn.lienthong.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Bytes read once from a stream, counted and digested (SHA-256) in the same pass, and encoded
 * in base64 when they travel inline: the size and digest a document states always match what
 * travels. Used by the builders' components and attachments.
 *
 * @param sha256 base64 SHA-256 of the bytes
 * @param base64 the bytes in base64, or null when only measured
 */
public record MeasuredContent(long size, String sha256, @Nullable String base64) {

    /** Reads the stream to its end (the caller closes it), keeping the bytes in base64. */
    public static MeasuredContent encode(InputStream bytes) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        MeasuredContent measured;
        try (OutputStream encoder = Base64.getEncoder().wrap(encoded)) {
            measured = read(bytes, encoder);
        }
        return new MeasuredContent(measured.size(), measured.sha256(), encoded.toString(StandardCharsets.US_ASCII));
    }

    /** Reads the stream to its end (the caller closes it), keeping nothing of the bytes. */
    public static MeasuredContent measure(InputStream bytes) throws IOException {
        return read(bytes, OutputStream.nullOutputStream());
    }

    private static MeasuredContent read(InputStream bytes, OutputStream sink) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        long size = new DigestInputStream(bytes, digest).transferTo(sink);
        return new MeasuredContent(size, Base64.getEncoder().encodeToString(digest.digest()), null);
    }
}
