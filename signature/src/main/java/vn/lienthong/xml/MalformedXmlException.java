package vn.lienthong.xml;

import org.jspecify.annotations.Nullable;

/**
 * The input is not XML the gateway will read: not well-formed, or it uses a construct that
 * is refused on principle (a DTD, an entity), or it breaks a structural limit.
 */
public final class MalformedXmlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the input was refused, for callers that answer each case with its own code. */
    public enum Reason {
        /** Not well-formed, or empty. */
        NOT_WELL_FORMED,
        /** Bytes that are not valid in the document's encoding (invalid UTF-8, say), or an unknown encoding. */
        ENCODING,
        /** A document type declaration: refused so that no entity is ever expanded. */
        DOCTYPE,
        /** Deeper nesting, more attributes or longer names than {@link XmlLimits} allow. */
        LIMIT_EXCEEDED
    }

    private final Reason reason;
    private final int line;
    private final int column;

    public MalformedXmlException(Reason reason, String message, int line, int column, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    /** One-based line of the fault, or -1 when the parser did not say. */
    public int line() {
        return line;
    }

    /** One-based column of the fault, or -1 when the parser did not say. */
    public int column() {
        return column;
    }
}
