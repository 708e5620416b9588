package vn.lienthong.client.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * One component (thành phần hồ sơ) of an envelope: its bytes inline as base64, or a reference
 * to where the recipient fetches them. Either way its size and SHA-256 are computed in the one
 * pass that reads the bytes, so they always match what was read.
 */
public final class Component {

    private final String name;
    private final String mediaType;
    private final long size;
    private final String sha256;
    private final @Nullable String content;
    private final @Nullable URI reference;

    private Component(String name, String mediaType, long size, String sha256, @Nullable String content,
                      @Nullable URI reference) {
        this.name = name;
        this.mediaType = mediaType;
        this.size = size;
        this.sha256 = sha256;
        this.content = content;
        this.reference = reference;
    }

    /** Reads the stream to its end (the caller closes it), encoding it inline. */
    public static Component inline(String name, String mediaType, InputStream bytes) throws IOException {
        ByteArrayOutputStream base64 = new ByteArrayOutputStream();
        Measured measured;
        try (OutputStream encoder = Base64.getEncoder().wrap(base64)) {
            measured = measure(bytes, encoder);
        }
        return new Component(name, mediaType, measured.size(), measured.sha256(),
                base64.toString(StandardCharsets.US_ASCII), null);
    }

    public static Component inline(String name, String mediaType, byte[] bytes) {
        try {
            return inline(name, mediaType, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    /** A file, named by its file name. */
    public static Component inline(Path file, String mediaType) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return inline(String.valueOf(file.getFileName()), mediaType, in);
        }
    }

    /**
     * A component the recipient fetches from {@code location}: the stream is read once to
     * measure and digest the bytes that will be there, and nothing of it is kept.
     */
    public static Component referenced(String name, String mediaType, URI location, InputStream bytes) throws IOException {
        Measured measured = measure(bytes, OutputStream.nullOutputStream());
        return new Component(name, mediaType, measured.size(), measured.sha256(), null, location);
    }

    public String name() {
        return name;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The number of bytes, as read. */
    public long size() {
        return size;
    }

    /** Base64 SHA-256 of the bytes, as the envelope states it. */
    public String sha256() {
        return sha256;
    }

    /** The bytes in base64 when inline. */
    public @Nullable String content() {
        return content;
    }

    /** Where the recipient fetches the bytes when not inline. */
    public @Nullable URI reference() {
        return reference;
    }

    private record Measured(long size, String sha256) {
    }

    private static Measured measure(InputStream bytes, OutputStream sink) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        long size = new DigestInputStream(bytes, digest).transferTo(sink);
        return new Measured(size, Base64.getEncoder().encodeToString(digest.digest()));
    }
}
