package vn.lienthong.core.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where envelopes too large to keep in memory go while the gateway works on them: up to
 * {@code inMemoryLimit} bytes an envelope stays in memory, above it in a temporary file in
 * {@code directory} (the system's temporary folder when null).
 */
public record Spool(long inMemoryLimit, @Nullable Path directory) {

    Path newFile() {
        try {
            if (directory != null) {
                Files.createDirectories(directory);
                return Files.createTempFile(directory, "envelope-", ".xml");
            }
            return Files.createTempFile("lienthong-envelope-", ".xml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file", e);
        }
    }
}
