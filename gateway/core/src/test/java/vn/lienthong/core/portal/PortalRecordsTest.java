package vn.lienthong.core.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.tracking.DeadlineState;
import vn.lienthong.core.tracking.DossierStatus;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.HandoffState;

/** The portal's records from a tracked dossier: fields, Vietnamese time, status codes. */
class PortalRecordsTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DossierView.AgencyRef DESK = new DossierView.AgencyRef("000.00.01.H53", "Trung tâm PVHCC");
    private static final DossierView.AgencyRef LAND = new DossierView.AgencyRef("000.01.12.H53", "VP Đăng ký đất đai");

    private final PortalRecords records = new PortalRecords(VIETNAM);

    /** A dossier record for DongBoHoSoMC / result: the portal's field names, yyyyMMddHHmmss in Vietnamese time, status 1-10. */
    @Test
    void dossierRecordCarriesThePortalsFields() {
        PortalCall call = records.dossier(dossier(DossierStatus.PROCESSING, List.of()), false);

        assertThat(call.service()).isEqualTo(PortalService.DONG_BO_HO_SO);
        assertThat(call.fields()).containsEntry("isUpdating", "False");
        Map<String, Object> record = record(call);
        assertThat(record).containsEntry("MaHoSo", "000.00.01.H53-261127-0001")
                .containsEntry("MaTTHC", "1.004227")
                .containsEntry("ChuHoSo", "Trần Thị Bình")
                .containsEntry("SoDienThoai", "0912345678")
                .containsEntry("NgayTiepNhan", "20261127084000")
                .containsEntry("NgayHenTra", "20261211170000")
                .containsEntry("TrangThaiHoSo", 4)
                .containsEntry("DonViXuLy", "VP Đăng ký đất đai (000.01.12.H53)")
                .doesNotContainKeys("NgayTra", "NgayKetThucXuLy");
    }

    /** A returned dossier / result: NgayTra and NgayKetThucXuLy set, isUpdating True. */
    @Test
    void returnedDossierSaysWhen() {
        Map<String, Object> record = record(records.dossier(dossier(DossierStatus.RETURNED, List.of()), true));
        assertThat(record).containsEntry("TrangThaiHoSo", 10)
                .containsEntry("NgayTra", "20261204100000")
                .containsEntry("NgayKetThucXuLy", "20261204090000");
    }

    /** Supplementation rounds / result: one entry per status-5 change, with when the papers came. */
    @Test
    void supplementationRoundsAreListed() {
        List<DossierView.StatusChange> history = List.of(
                change(DossierStatus.PROCESSING, "2026-11-27T02:00:00Z", null),
                change(DossierStatus.SUPPLEMENTATION_REQUESTED, "2026-11-30T03:00:00Z", "Thiếu bản sao sổ đỏ"),
                change(DossierStatus.PROCESSING, "2026-12-01T04:00:00Z", null));
        Map<String, Object> record = record(records.dossier(dossier(DossierStatus.PROCESSING, history), true));
        assertThat((List<?>) record.get("DanhSachHoSoBoSung")).singleElement().isEqualTo(Map.of(
                "NguoiYeuCauBoSung", LAND.code(), "NoiDungBoSung", "Thiếu bản sao sổ đỏ",
                "NgayYeuCauBoSung", "20261130100000", "NgayCongDanBoSung", "20261201110000"));
    }

    /** A hand-off for CapNhatTienDoHoSoMC / result: giver, time, what was done, the step's start and deadline. */
    @Test
    void progressRecordIsAControlSlipRow() {
        DossierView dossier = dossier(DossierStatus.PROCESSING, List.of());
        PortalCall call = records.progress(dossier, dossier.handoffs().get(0));
        assertThat(call.service()).isEqualTo(PortalService.CAP_NHAT_TIEN_DO);
        assertThat(record(call)).containsEntry("MaHoSo", dossier.code())
                .containsEntry("NguoiXuLy", "Nguyễn Văn An")
                .containsEntry("ThoiDiemXuLy", "20261127091500")
                .containsEntry("PhongBanXuLy", "Trung tâm PVHCC (000.00.01.H53)")
                .containsEntry("NoiDungXuLy", "Chuyển hồ sơ cho VP Đăng ký đất đai (000.01.12.H53): Thẩm định hồ sơ")
                .containsEntry("TrangThai", 4)
                .containsEntry("NgayBatDau", "20261127091500")
                .containsEntry("NgayKetThucTheoQuyDinh", "20261204170000");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(PortalCall call) {
        return ((List<Map<String, Object>>) call.fields().get("data")).get(0);
    }

    private static DossierView.StatusChange change(DossierStatus status, String at, String note) {
        return new DossierView.StatusChange(status, null, Instant.parse(at), LAND.code(), "e-" + at, note);
    }

    private static DossierView dossier(DossierStatus status, List<DossierView.StatusChange> history) {
        DossierView.Handoff handoff = new DossierView.Handoff(1, "000.00.01.H53-261127-0001", "tutorial-0001", "handoff",
                "Thẩm định hồ sơ", new AllowedTime(5, AllowedTime.Unit.WORKING_DAYS), DESK, "Nguyễn Văn An", LAND, null,
                Instant.parse("2026-11-27T02:15:00Z"), null, Instant.parse("2026-11-27T02:15:00Z"),
                Instant.parse("2026-12-04T10:00:00Z"), null, HandoffState.GIVEN, DeadlineState.ON_TRACK, null, null);
        boolean closed = status == DossierStatus.RETURNED;
        return new DossierView("000.00.01.H53-261127-0001", "1.004227", "Đăng ký biến động đất đai",
                new DossierView.Applicant("Trần Thị Bình", "Phường Trung tâm", "0912345678"),
                Instant.parse("2026-11-27T01:40:00Z"), Instant.parse("2026-12-11T10:00:00Z"), null, null, status,
                closed ? Instant.parse("2026-12-04T03:00:00Z") : Instant.parse("2026-11-27T02:15:00Z"), DESK, LAND,
                List.of(), false, 0, DeadlineState.ON_TRACK, closed ? Instant.parse("2026-12-04T02:00:00Z") : null, null,
                Instant.parse("2026-11-27T02:15:00Z"), history, List.of(handoff), List.of());
    }
}
