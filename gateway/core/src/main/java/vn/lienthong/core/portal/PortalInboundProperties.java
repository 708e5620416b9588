package vn.lienthong.core.portal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dossiers submitted on the national portal, handed to the gateway, prefix
 * {@code lienthong.portal.inbound}.
 *
 * @param agencyCode the code the portal's hand-offs come from (the gateway registers it as a
 *        pull agency signing with the gateway's own certificate)
 * @param agencyName its name on control slips
 * @param procedures where each procedure's dossiers go first, by procedure code (mã TTHC)
 */
@ConfigurationProperties("lienthong.portal.inbound")
public record PortalInboundProperties(@DefaultValue("000.00.00.G22") String agencyCode,
                                      @DefaultValue("Cổng Dịch vụ công quốc gia") String agencyName,
                                      @DefaultValue Map<String, Route> procedures) {

    /**
     * The first hand-off of a procedure's dossiers.
     *
     * @param handlingAgency the agency that handles them
     * @param step the step it does first, as the control slip names it
     * @param allowedWorkingDays the working days that step may take, or null for none
     */
    public record Route(String handlingAgency, @DefaultValue("Thẩm định hồ sơ") String step,
                        @Nullable Integer allowedWorkingDays) {
    }
}
