package vn.lienthong.client.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import vn.lienthong.client.MeasuredContent;

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
        MeasuredContent content = MeasuredContent.encode(bytes);
        return new Component(name, mediaType, content.size(), content.sha256(), content.base64(), null);
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
        MeasuredContent measured = MeasuredContent.measure(bytes);
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
}
