package vn.lienthong.client.edxml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import vn.lienthong.client.MeasuredContent;

/**
 * One attachment of an edXML document: a manifest {@code Reference} and an
 * {@code AttachmentEncoded/Attachment} with the bytes in base64. The bytes are read once, as a
 * stream: encoded, counted and digested (SHA-256) in the same pass, so the size and digest a
 * department system records always match what travels.
 */
public final class Attachment {

    private final String name;
    private final String contentType;
    private final @Nullable String description;
    private final @Nullable String contentId;
    private final long size;
    private final String sha256;
    private final String base64;

    private Attachment(String name, String contentType, @Nullable String description, @Nullable String contentId,
                       long size, String sha256, String base64) {
        this.name = name;
        this.contentType = contentType;
        this.description = description;
        this.contentId = contentId;
        this.size = size;
        this.sha256 = sha256;
        this.base64 = base64;
    }

    /** Reads the stream to its end (the caller closes it). */
    public static Attachment of(String name, String contentType, InputStream bytes) throws IOException {
        MeasuredContent content = MeasuredContent.encode(bytes);
        return new Attachment(name, contentType, null, null, content.size(), content.sha256(), content.base64());
    }

    /** A file, named by its file name. */
    public static Attachment of(Path file, String contentType) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(String.valueOf(file.getFileName()), contentType, in);
        }
    }

    public static Attachment of(String name, String contentType, byte[] bytes) {
        try {
            return of(name, contentType, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
    }

    /** The same attachment with a {@code Description} (systems often repeat the file name). */
    public Attachment description(String text) {
        return new Attachment(name, contentType, text, contentId, size, sha256, base64);
    }

    /** The same attachment under this {@code ContentId} ({@code cid:…}); by default {@code cid:1}, {@code cid:2}, … in order. */
    public Attachment contentId(String id) {
        return new Attachment(name, contentType, description, id, size, sha256, base64);
    }

    /** {@code AttachmentName}. */
    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public @Nullable String description() {
        return description;
    }

    /** The content id given, or null to have the builder number it. */
    public @Nullable String contentId() {
        return contentId;
    }

    /** The number of bytes, as read. */
    public long size() {
        return size;
    }

    /** Base64 SHA-256 of the bytes, as read. */
    public String sha256() {
        return sha256;
    }

    /** The bytes in base64, as {@code ContentTransferEncoded} carries them. */
    public String base64() {
        return base64;
    }
}
