package vn.lienthong.core.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.tracking.DossierStatus;
import vn.lienthong.core.tracking.DossierView;

/**
 * What the gateway tells the portal, built from the tracked dossier: a dossier record for
 * {@code DongBoHoSoMC} and one progress record per hand-off for {@code CapNhatTienDoHoSoMC}.
 * docs/PORTAL.md lists every field and where it comes from. Times are the portal's
 * {@code yyyyMMddHHmmss} in Vietnamese time.
 */
public final class PortalRecords {

    private static final DateTimeFormatter PORTAL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ZoneId zone;

    public PortalRecords(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code DongBoHoSoMC} for the dossier as it stands. */
    public PortalCall dossier(DossierView dossier, boolean updating) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("MaHoSo", dossier.code());
        record.put("MaTTHC", dossier.procedureCode());
        record.put("TenTTHC", dossier.procedureName() == null ? dossier.procedureCode() : dossier.procedureName());
        record.put("ChuHoSo", dossier.applicant() == null ? "" : dossier.applicant().name());
        putIfPresent(record, "SoDienThoai", dossier.applicant() == null ? null : dossier.applicant().phone());
        putIfPresent(record, "ThongTinKhac", dossier.applicant() == null || dossier.applicant().address() == null
                ? null : "Địa chỉ: " + dossier.applicant().address());
        putIfPresent(record, "TrichYeuHoSo", dossier.procedureName());
        record.put("NgayTiepNhan", time(dossier.receivedAt() != null ? dossier.receivedAt() : dossier.firstSeenAt()));
        putIfPresent(record, "NgayHenTra", time(dossier.rescheduledReturnAt() != null
                ? dossier.rescheduledReturnAt() : dossier.promisedReturnAt()));
        DossierStatus status = dossier.status() == null ? DossierStatus.ACCEPTED : dossier.status();
        record.put("TrangThaiHoSo", status.code());
        if (status == DossierStatus.RETURNED) {
            putIfPresent(record, "NgayTra", time(dossier.statusAt()));
        }
        if (dossier.closedAt() != null && (status == DossierStatus.PROCESSED || status == DossierStatus.RETURNED)) {
            record.put("NgayKetThucXuLy", time(dossier.closedAt()));
        }
        record.put("HinhThuc", "0");
        putIfPresent(record, "DonViXuLy", dossier.handlingAgency() == null ? null : agency(dossier.handlingAgency()));
        List<DossierView.StatusChange> history = dossier.statusHistory();
        putIfPresent(record, "GhiChu", history.isEmpty() ? null : history.get(history.size() - 1).note());
        record.put("TaiLieuNop", List.of());
        record.put("DanhSachGiayToKetQua", List.of());
        record.put("DanhSachLePhi", List.of());
        record.put("DanhSachHoSoBoSung", supplementations(history));
        return new PortalCall(PortalService.DONG_BO_HO_SO,
                Map.of("isUpdating", updating ? "True" : "False", "data", List.of(record)));
    }

    /** The {@code NgayHenTra} a dossier record tells, null when it tells none. */
    @SuppressWarnings("unchecked")
    static @Nullable String returnAt(PortalCall dossierRecord) {
        Object value = ((List<Map<String, Object>>) dossierRecord.fields().get("data")).get(0).get("NgayHenTra");
        return value == null ? null : value.toString();
    }

    /** {@code CapNhatTienDoHoSoMC} for one hand-off: a row of the control slip. */
    public PortalCall progress(DossierView dossier, DossierView.Handoff handoff) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("MaHoSo", dossier.code());
        record.put("NguoiXuLy", handoff.giverOfficer() != null ? handoff.giverOfficer() : agency(handoff.giver()));
        record.put("ThoiDiemXuLy", time(handoff.givenAt()));
        record.put("PhongBanXuLy", agency(handoff.giver()));
        record.put("NoiDungXuLy", "Chuyển hồ sơ cho " + agency(handoff.taker())
                + (handoff.step() == null ? "" : ": " + handoff.step())
                + (handoff.note() == null ? "" : " (" + handoff.note() + ")"));
        if (dossier.status() != null) {
            record.put("TrangThai", dossier.status().code());
        }
        record.put("NgayBatDau", time(handoff.startedAt()));
        putIfPresent(record, "NgayKetThucTheoQuyDinh", time(handoff.dueAt()));
        return new PortalCall(PortalService.CAP_NHAT_TIEN_DO, Map.of("data", List.of(record)));
    }

    private List<Map<String, Object>> supplementations(List<DossierView.StatusChange> history) {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            DossierView.StatusChange change = history.get(i);
            if (change.status() != DossierStatus.SUPPLEMENTATION_REQUESTED) {
                continue;
            }
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("NguoiYeuCauBoSung", change.reportedBy());
            putIfPresent(round, "NoiDungBoSung", change.note());
            round.put("NgayYeuCauBoSung", time(change.at()));
            for (int j = i + 1; j < history.size(); j++) {
                if (history.get(j).status() != DossierStatus.SUPPLEMENTATION_REQUESTED) {
                    round.put("NgayCongDanBoSung", time(history.get(j).at()));
                    break;
                }
            }
            rounds.add(round);
        }
        return rounds;
    }

    private static String agency(DossierView.AgencyRef agency) {
        return agency.name() == null ? agency.code() : agency.name() + " (" + agency.code() + ")";
    }

    private @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : PORTAL_TIME.format(instant.atZone(zone));
    }

    private static void putIfPresent(Map<String, Object> record, String field, @Nullable Object value) {
        if (value != null) {
            record.put(field, value);
        }
    }
}
