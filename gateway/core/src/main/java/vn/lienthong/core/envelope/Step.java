package vn.lienthong.core.envelope;

import org.jspecify.annotations.Nullable;

/** The step of the procedure being handed over, and the working time allowed for it. */
public record Step(String name, @Nullable AllowedTime allowedTime) {
}
