package vn.lienthong.core.portal;

import java.util.Map;
import java.util.Optional;

/**
 * Port to the national portal's integration service (docs/PORTAL.md). Implemented by the
 * {@code adapters/dvcqg} client, which owns sessions, the {@code dstcode} header and the wire
 * format; the core decides what to send and when.
 */
public interface NationalPortal {

    /**
     * Makes one call and returns once the portal answered success ({@code error_code} 0).
     *
     * @throws PortalUnavailableException when trying again later may succeed: the portal is
     *         down, slow, answers 5xx, or the session could not be renewed
     * @throws PortalRejectedException when the portal refused what was sent (a validation
     *         error): sending the same again will fail again
     */
    void send(PortalCall call);

    /**
     * {@code TraCuuHoSo}: the dossier as the portal holds it, empty when it holds none.
     *
     * @throws PortalUnavailableException as for {@link #send}
     */
    Optional<Map<String, Object>> lookUp(String dossierCode);
}
