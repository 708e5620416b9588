package vn.lienthong.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The real edXML messages in {@code ../shared/samples/edxml/} (see SOURCES.md there), found by
 * walking up from the working directory, or at {@code -Dlienthong.samples.edxml=…}.
 */
final class EdxmlSamples {

    private static final String RELATIVE = "shared/samples/edxml";

    private EdxmlSamples() {
    }

    /** The samples folder, or null when this checkout has none beside it. */
    static @Nullable Path folder() {
        String configured = System.getProperty("lienthong.samples.edxml");
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String skipMessage() {
        return "no edXML samples (" + RELATIVE + " beside the repository, or -Dlienthong.samples.edxml): skipping";
    }

    static byte[] read(Path folder, String name) {
        try {
            return Files.readAllBytes(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
