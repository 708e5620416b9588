package vn.lienthong.core.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.error.ErrorCode;

/**
 * The exact bytes of an envelope, with their SHA-256: in memory when small, spooled to a
 * temporary file when large, so an envelope of any permitted size costs bounded memory.
 * These bytes, never a re-serialisation, are what the gateway stores, forwards and states in
 * its receipt. Closing deletes the spool file; an in-memory array is shared, not copied, and
 * nothing may change it.
 */
public final class EnvelopeBytes implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final byte @Nullable [] content;
    private final @Nullable Path file;
    private final long size;
    private final String sha256;

    private EnvelopeBytes(byte @Nullable [] content, @Nullable Path file, long size, String sha256) {
        this.content = content;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    public static EnvelopeBytes of(byte[] content) {
        return new EnvelopeBytes(content, null, content.length,
                Base64.getEncoder().encodeToString(sha256Digest().digest(content)));
    }

    /**
     * Reads a body, refusing it as soon as it passes {@code maxBytes} rather than after
     * reading all of it; spools it to a file once it passes the spool's in-memory limit.
     */
    public static EnvelopeBytes read(InputStream body, long maxBytes, Spool spool) {
        MessageDigest digest = sha256Digest();
        Path file = null;
        try (InputStream in = new DigestInputStream(body, digest)) {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            long total = copy(in, memory, Math.min(maxBytes, spool.inMemoryLimit()) + 1);
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            if (total <= spool.inMemoryLimit()) {
                return new EnvelopeBytes(memory.toByteArray(), null, total, encode(digest));
            }
            file = spool.newFile();
            try (OutputStream out = Files.newOutputStream(file)) {
                memory.writeTo(out);
                total += copy(in, out, maxBytes + 1 - total);
            }
            if (total > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return new EnvelopeBytes(null, file, total, encode(digest));
        } catch (IOException e) {
            delete(file);
            throw ErrorCode.REQUEST_BODY_UNREADABLE.exception("the request body could not be read: " + e.getMessage())
                    .cause(e).build();
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** Envelopes read back from the archive: kept in memory or spooled alike. */
    static EnvelopeBytes copyOf(InputStream stored, long size, String sha256, Spool spool) throws IOException {
        if (size <= spool.inMemoryLimit()) {
            return new EnvelopeBytes(stored.readAllBytes(), null, size, sha256);
        }
        Path file = spool.newFile();
        try (OutputStream out = Files.newOutputStream(file)) {
            stored.transferTo(out);
            return new EnvelopeBytes(null, file, size, sha256);
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    public boolean inMemory() {
        return content != null;
    }

    /** The bytes of an envelope held in memory. */
    public byte[] content() {
        if (content == null) {
            throw new IllegalStateException("a spooled envelope is read with open()");
        }
        return content;
    }

    /** The file of a spooled envelope. */
    public Path spooledFile() {
        if (file == null) {
            throw new IllegalStateException("an envelope in memory has no spool file");
        }
        return file;
    }

    public InputStream open() throws IOException {
        return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(spooledFile());
    }

    /** Base64 SHA-256 of the content. */
    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        delete(file);
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long copied = 0;
        int read;
        while (copied < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }

    private static RuntimeException tooLarge(long maxBytes) {
        return ErrorCode.ENVELOPE_TOO_LARGE.exception("the envelope exceeds " + maxBytes + " bytes")
                .with("maxBytes", maxBytes).build();
    }

    private static void delete(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spool file " + file, e);
            }
        }
    }

    private static String encode(MessageDigest digest) {
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
