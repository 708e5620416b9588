package vn.lienthong.rest.slip;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.tracking.DeadlineState;
import vn.lienthong.core.tracking.DossierView.Handoff;

/** The Vietnamese words the slip uses for the core's values: results, kinds, allowed times. */
final class SlipWording {

    private SlipWording() {
    }

    /** Trước hạn, đúng hạn, quá hạn: the words of the form's result column. */
    static String timeliness(Timeliness result) {
        return switch (result) {
            case EARLY -> "Trước hạn";
            case ON_TIME -> "Đúng hạn";
            case LATE -> "Quá hạn";
        };
    }

    /** What an open step's deadline watch says, when it says more than "on track". */
    static @Nullable String deadline(DeadlineState deadline) {
        return switch (deadline) {
            case ON_TRACK -> null;
            case DUE_SOON -> "sắp đến hạn";
            case OVERDUE -> "đã quá hạn";
        };
    }

    static String allowedTime(AllowedTime allowed) {
        return allowed.amount() + switch (allowed.unit()) {
            case WORKING_DAYS -> " ngày làm việc";
            case WORKING_HOURS -> " giờ làm việc";
        };
    }

    /**
     * The envelope kind in words, or null for a plain hand-off, which the row already says.
     * A kind this version does not know is shown as the envelope spells it.
     */
    static @Nullable String kind(String kind) {
        return switch (kind) {
            case "handoff" -> null;
            case "supplementation-request" -> "Yêu cầu bổ sung hồ sơ";
            case "supplementation" -> "Bổ sung hồ sơ";
            case "result" -> "Trả kết quả bước";
            case "return" -> "Trả lại hồ sơ";
            case "status" -> "Cập nhật trạng thái hồ sơ";
            default -> kind;
        };
    }

    /** The note column: the step and its allowed time, the kind, and the envelope's note. */
    static List<String> notes(Handoff handoff) {
        List<String> lines = new ArrayList<>(3);
        String step = handoff.step();
        AllowedTime allowed = handoff.allowedTime();
        if (step != null && allowed != null) {
            lines.add("Bước: " + step + "; thời hạn: " + allowedTime(allowed));
        } else if (step != null) {
            lines.add("Bước: " + step);
        } else if (allowed != null) {
            lines.add("Thời hạn: " + allowedTime(allowed));
        }
        String kind = kind(handoff.kind());
        if (kind != null) {
            lines.add(kind);
        }
        String note = handoff.note();
        if (note != null && !note.isBlank()) {
            lines.add(note.strip());
        }
        return lines;
    }
}
