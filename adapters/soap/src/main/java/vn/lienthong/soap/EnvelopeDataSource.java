package vn.lienthong.soap;

import jakarta.activation.DataSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import vn.lienthong.core.envelope.EnvelopeBytes;

/**
 * An envelope's signed bytes as an MTOM attachment, read from memory or from its spool file
 * as CXF writes the message: never copied whole into a byte array. The content type is
 * opaque on purpose: nothing on the way may parse or re-encode signed XML.
 */
final class EnvelopeDataSource implements DataSource {

    static final String CONTENT_TYPE = "application/octet-stream";

    private final EnvelopeBytes content;
    private final String name;
    private final boolean closeWhenRead;

    private EnvelopeDataSource(EnvelopeBytes content, String name, boolean closeWhenRead) {
        this.content = content;
        this.name = name;
        this.closeWhenRead = closeWhenRead;
    }

    /** Bytes the caller keeps and closes itself (a push: the delivery closes them after the attempt). */
    static EnvelopeDataSource lent(EnvelopeBytes content, String envelopeId) {
        return new EnvelopeDataSource(content, envelopeId, false);
    }

    /**
     * Bytes handed over to the answer (an inbox fetch): closed, and their spool file deleted,
     * once CXF has written them and closes the stream.
     */
    static EnvelopeDataSource handedOver(EnvelopeBytes content, String envelopeId) {
        return new EnvelopeDataSource(content, envelopeId, true);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream in = content.open();
        if (!closeWhenRead) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    content.close();
                }
            }
        };
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("an envelope's bytes are read-only");
    }

    @Override
    public String getContentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String getName() {
        return name;
    }
}
