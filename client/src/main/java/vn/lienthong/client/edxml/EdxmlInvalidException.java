package vn.lienthong.client.edxml;

/**
 * What a builder was given cannot make a valid edXML message: a required field is missing, a
 * value has the wrong form, or {@code edxml-v1.xsd} refuses the result. {@link #field()} names
 * the builder's field ({@code to[2].organId}, {@code statusCode}), so that nothing invalid is
 * ever signed and the caller knows what to fix.
 */
public final class EdxmlInvalidException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public EdxmlInvalidException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field at fault, as the builder names it; {@code schema} when only the schema found the fault. */
    public String field() {
        return field;
    }
}
