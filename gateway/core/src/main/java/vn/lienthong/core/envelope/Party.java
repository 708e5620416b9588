package vn.lienthong.core.envelope;

import org.jspecify.annotations.Nullable;
import vn.lienthong.core.agency.AgencyCode;

/** One side of an exchange: an agency, and the officer acting for it when the sender names one. */
public record Party(AgencyCode agency, @Nullable String officer) {
}
