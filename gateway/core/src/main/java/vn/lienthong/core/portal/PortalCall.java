package vn.lienthong.core.portal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to the portal: the service and its fields besides the session, {@code madonvi} and
 * {@code service}, which the adapter adds. For {@code DongBoHoSoMC} the fields are
 * {@code isUpdating} and {@code data} (a list of dossier records); for
 * {@code CapNhatTienDoHoSoMC} {@code data} (a list of progress records). Field names and
 * values are the portal's (docs/PORTAL.md): strings, numbers, lists and maps only.
 */
public record PortalCall(PortalService service, Map<String, Object> fields) {

    public PortalCall {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
