package vn.lienthong.core.tracking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The national dossier status (TrangThaiHoSo, codes 1–10), the canonical status of a dossier
 * here and towards the national portal. Each status names the statuses that may follow it;
 * everything else is refused, so a department system cannot, for example, resume a dossier
 * whose result was already returned.
 */
public enum DossierStatus {
    REGISTERED(1, "Mới đăng ký"),
    ACCEPTED(2, "Được tiếp nhận"),
    NOT_ACCEPTED(3, "Không được tiếp nhận"),
    PROCESSING(4, "Đang xử lý"),
    SUPPLEMENTATION_REQUESTED(5, "Yêu cầu bổ sung giấy tờ"),
    FINANCIAL_OBLIGATION_REQUESTED(6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
    WITHDRAWN(7, "Công dân yêu cầu rút hồ sơ"),
    STOPPED(8, "Dừng xử lý"),
    PROCESSED(9, "Đã xử lý xong"),
    RETURNED(10, "Đã trả kết quả");

    private final int code;
    private final String vietnamese;

    DossierStatus(int code, String vietnamese) {
        this.code = code;
        this.vietnamese = vietnamese;
    }

    /** The national code, 1–10; what the JSON API shows. */
    @JsonValue
    public int code() {
        return code;
    }

    /** The status as the national table names it, for printed documents. */
    public String vietnamese() {
        return vietnamese;
    }

    @JsonCreator
    public static DossierStatus ofCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dossier status " + code));
    }

    /** The statuses that may follow this one; a status follows itself only where repeating it means something. */
    public Set<DossierStatus> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(ACCEPTED, NOT_ACCEPTED, PROCESSING, SUPPLEMENTATION_REQUESTED, WITHDRAWN);
            // Several agencies work on a dossier at once, so "being processed" repeats.
            case ACCEPTED, PROCESSING -> EnumSet.of(PROCESSING, SUPPLEMENTATION_REQUESTED,
                    FINANCIAL_OBLIGATION_REQUESTED, WITHDRAWN, STOPPED, PROCESSED);
            // Supplied papers let the dossier go back where it was; unsupplied ones end it.
            case SUPPLEMENTATION_REQUESTED -> EnumSet.of(REGISTERED, ACCEPTED, PROCESSING, NOT_ACCEPTED, WITHDRAWN,
                    STOPPED);
            case FINANCIAL_OBLIGATION_REQUESTED -> EnumSet.of(PROCESSING, PROCESSED, WITHDRAWN, STOPPED);
            case PROCESSED -> EnumSet.of(RETURNED);
            // A stopped dossier's papers still go back to the applicant.
            case STOPPED -> EnumSet.of(RETURNED);
            case NOT_ACCEPTED, WITHDRAWN, RETURNED -> EnumSet.noneOf(DossierStatus.class);
        };
    }

    public boolean canBecome(DossierStatus next) {
        return next().contains(next);
    }

    /** The dossier's handling is over: nobody works on it any more, so its open steps close. */
    public boolean endsHandling() {
        return this == NOT_ACCEPTED || this == WITHDRAWN || this == STOPPED || this == PROCESSED || this == RETURNED;
    }

    /** The dossier has its result, so whether it was early, on time or late is settled. */
    public boolean hasResult() {
        return this == PROCESSED || this == RETURNED;
    }

    @Override
    public String toString() {
        return name().toLowerCase().replace('_', ' ') + " (" + code + ")";
    }
}
