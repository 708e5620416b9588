package vn.lienthong.dvcqg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lienthong.core.portal.PortalCall;
import vn.lienthong.core.portal.PortalService;

/** Dossier and progress records as the portal documents them, for the client's tests. */
final class PortalRecordsFixture {

    private PortalRecordsFixture() {
    }

    static Map<String, Object> dossier(String code, int status) {
        Map<String, Object> dossier = new LinkedHashMap<>();
        dossier.put("MaHoSo", code);
        dossier.put("MaTTHC", "1.004227");
        dossier.put("TenTTHC", "Đăng ký biến động quyền sử dụng đất");
        dossier.put("ChuHoSo", "Trần Thị Bình");
        dossier.put("NgayTiepNhan", "20261127083000");
        dossier.put("NgayHenTra", "20261211170000");
        dossier.put("TrangThaiHoSo", status);
        return dossier;
    }

    static Map<String, Object> progress(String code, String at, String department, String content) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("MaHoSo", code);
        step.put("NguoiXuLy", "Nguyễn Văn An");
        step.put("ThoiDiemXuLy", at);
        step.put("PhongBanXuLy", department);
        step.put("NoiDungXuLy", content);
        return step;
    }

    static PortalCall sync(Map<String, Object> dossier) {
        return new PortalCall(PortalService.DONG_BO_HO_SO, Map.of("isUpdating", "False", "data", List.of(dossier)));
    }

    static PortalCall progressCall(Map<String, Object> step) {
        return new PortalCall(PortalService.CAP_NHAT_TIEN_DO, Map.of("data", List.of(step)));
    }
}
