package vn.lienthong.dvcqg.simulator;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks the portal documents for what it is sent (docs/PORTAL.md, "The portal simulator"):
 * required fields, dates as {@code yyyyMMddHHmmss} that name a real instant, the status 1–10.
 * Every refusal names the field, as {@code data[i].Field}.
 */
final class RecordValidation {

    /** {@code yyyyMMddHHmmss}; strict, so 20260230… (30 February) is refused. */
    static final DateTimeFormatter PORTAL_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    static final List<String> DOSSIER_REQUIRED = List.of("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan",
            "NgayHenTra");
    static final List<String> DOSSIER_TIMES = List.of("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy");
    static final List<String> DOSSIER_LISTS = List.of("TaiLieuNop", "DanhSachGiayToKetQua", "DanhSachLePhi",
            "DanhSachHoSoBoSung");
    static final List<String> PROGRESS_REQUIRED = List.of("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "PhongBanXuLy",
            "NoiDungXuLy");
    static final List<String> PROGRESS_TIMES = List.of("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh");

    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[0-9]{14}");
    private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,2}");

    private RecordValidation() {
    }

    /** {@code DongBoHoSoMC}: {@code isUpdating} "True" or "False", and the dossier records of {@code data}. */
    static List<Map<String, Object>> dossierSync(Map<String, Object> body) {
        Object updating = body.get("isUpdating");
        if (!"True".equals(updating) && !"False".equals(updating)) {
            throw invalid("isUpdating", "must be \"True\" or \"False\"");
        }
        List<Map<String, Object>> records = records(body);
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> dossier = records.get(i);
            String at = "data[" + i + "].";
            required(dossier, at, DOSSIER_REQUIRED);
            times(dossier, at, DOSSIER_TIMES);
            status(dossier, at);
            Object form = dossier.get("HinhThuc");
            if (present(form) && !List.of("0", "1").contains(String.valueOf(form))) {
                throw invalid(at + "HinhThuc", "must be 0 (at the desk) or 1 (by post)");
            }
            for (String list : DOSSIER_LISTS) {
                if (dossier.get(list) != null && !(dossier.get(list) instanceof List)) {
                    throw invalid(at + list, "must be a list");
                }
            }
        }
        return records;
    }

    /** {@code CapNhatTienDoHoSoMC}: the progress records of {@code data}. */
    static List<Map<String, Object>> progressUpdate(Map<String, Object> body) {
        List<Map<String, Object>> records = records(body);
        for (int i = 0; i < records.size(); i++) {
            String at = "data[" + i + "].";
            required(records.get(i), at, PROGRESS_REQUIRED);
            times(records.get(i), at, PROGRESS_TIMES);
        }
        return records;
    }

    /** {@code TraCuuHoSo}: the dossier code asked for. */
    static String lookUp(Map<String, Object> body) {
        required(body, "", List.of("MaHoSo"));
        return String.valueOf(body.get("MaHoSo"));
    }

    static RefusedCall invalid(String field, String problem) {
        return new RefusedCall(SimulatorErrorCode.VALIDATION, field + ": " + problem);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<String, Object> body) {
        if (!(body.get("data") instanceof List<?> data) || data.isEmpty()) {
            throw invalid("data", "must be a non-empty list of records");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (!(data.get(i) instanceof Map<?, ?> record)) {
                throw invalid("data[" + i + "]", "must be an object");
            }
            records.add((Map<String, Object>) record);
        }
        return records;
    }

    private static void required(Map<String, Object> record, String at, List<String> fields) {
        for (String field : fields) {
            Object value = record.get(field);
            if (!(value instanceof String || value instanceof Number) || String.valueOf(value).isBlank()) {
                throw invalid(at + field, "required");
            }
        }
    }

    private static void times(Map<String, Object> record, String at, List<String> fields) {
        for (String field : fields) {
            Object value = record.get(field);
            if (present(value) && !isPortalTime(value)) {
                throw invalid(at + field, "'" + value + "' is not a date and time as yyyyMMddHHmmss");
            }
        }
    }

    private static void status(Map<String, Object> dossier, String at) {
        Object value = dossier.get("TrangThaiHoSo");
        String text = value instanceof Number || value instanceof String ? String.valueOf(value) : "";
        if (!SMALL_NUMBER.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 10) {
            throw invalid(at + "TrangThaiHoSo", value == null ? "required" : "must be a status from 1 to 10");
        }
    }

    static boolean isPortalTime(@Nullable Object value) {
        if (!(value instanceof String text) || !FOURTEEN_DIGITS.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDateTime.parse(text, PORTAL_TIME);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean present(@Nullable Object value) {
        return value != null && !"".equals(value);
    }
}
