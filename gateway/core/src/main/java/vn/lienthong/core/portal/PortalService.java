package vn.lienthong.core.portal;

/** The portal's services the gateway calls, by their names on the wire. */
public enum PortalService {
    /** Create or update dossiers. */
    DONG_BO_HO_SO("DongBoHoSoMC"),
    /** Append progress records, one per hand-off. */
    CAP_NHAT_TIEN_DO("CapNhatTienDoHoSoMC"),
    /** Look a dossier up. */
    TRA_CUU_HO_SO("TraCuuHoSo");

    private final String wireName;

    PortalService(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
