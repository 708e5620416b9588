package vn.lienthong.core.error;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one exception the core throws for anything a caller did or may see. Adapters turn it
 * into a problem document or a SOAP fault with the same code; its detail never contains
 * secrets or payloads.
 */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, Object> properties;

    private GatewayException(ErrorCode code, String detail, Map<String, Object> properties, @Nullable Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    /** Human-readable explanation specific to this occurrence. */
    public String detail() {
        return getMessage();
    }

    /** Extra machine-readable facts, such as the line and rule of a schema error. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Assembles a {@link GatewayException}: {@code ErrorCode.X.exception("…").with("line", 3).cause(e).build()}. */
    public static final class Builder {
        private final ErrorCode code;
        private final String detail;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private @Nullable Throwable cause;

        Builder(ErrorCode code, String detail) {
            this.code = code;
            this.detail = detail;
        }

        public Builder with(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public GatewayException build() {
            return new GatewayException(code, detail, properties, cause);
        }
    }
}
