package vn.lienthong.rest.slip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.calendar.Timeliness;
import vn.lienthong.core.envelope.AllowedTime;
import vn.lienthong.core.envelope.AllowedTime.Unit;
import vn.lienthong.core.tracking.DeadlineState;
import vn.lienthong.core.tracking.DossierStatus;
import vn.lienthong.core.tracking.DossierView;
import vn.lienthong.core.tracking.DossierView.AgencyRef;
import vn.lienthong.core.tracking.DossierView.ApologyOwed;
import vn.lienthong.core.tracking.DossierView.Applicant;
import vn.lienthong.core.tracking.DossierView.Handoff;
import vn.lienthong.core.tracking.DossierView.StatusChange;
import vn.lienthong.core.tracking.HandoffState;

/**
 * The three-agency land dossier, built by hand: the reception desk gives it to the land
 * registration office, which asks the applicant for a missing paper (one supplementation
 * request and its supplementation), then consults the tax office, which is late, takes the
 * tax office's answer back and hands the result to the desk, which has not taken it yet.
 * Fields are the defaults a test may change before {@link #build()}.
 *
 * <p>All instants are written in UTC; the comments give the local time in Asia/Ho_Chi_Minh
 * (UTC+7), which is what the slip must print.
 */
final class LandDossier {

    static final String CODE = "000.00.01.H53-261123-0007";
    static final AgencyRef DESK = new AgencyRef("000.00.01.H53", "Bộ phận Tiếp nhận và Trả kết quả");
    static final AgencyRef LAND = new AgencyRef("000.01.12.H53", "Văn phòng Đăng ký đất đai");
    static final AgencyRef TAX = new AgencyRef("000.00.05.H53", "Chi cục Thuế khu vực");

    Applicant applicant = new Applicant("Nguyễn Thị Hương", "Số 12, đường Lê Lợi, phường Hưng Bình", "0912 345 678");
    @Nullable String procedureName = "Đăng ký biến động quyền sử dụng đất";
    DossierStatus status = DossierStatus.PROCESSING;
    Instant statusAt = utc("2026-12-03T02:00:00Z");              // 09:00 on 3 Dec
    @Nullable Timeliness result;
    @Nullable Instant closedAt;
    boolean paused;
    AgencyRef tax = TAX;
    String supplementationNote = "Thiếu bản trích đo địa chính thửa đất";
    List<ApologyOwed> apologies = new ArrayList<>(List.of(new ApologyOwed(TAX,
            "Chậm xác định nghĩa vụ tài chính do chờ xác minh giá đất",
            utc("2026-11-30T08:20:00Z"),                                 // 15:20 on 30 Nov
            utc("2026-12-01T01:00:00Z"),                                 // 08:00 on 1 Dec
            utc("2026-12-08T10:00:00Z"))));                              // 17:00 on 8 Dec

    DossierView build() {
        List<Handoff> handoffs = List.of(
                // 1. desk → land office: appraisal, finished in one day of five: early
                handoff(1, "env-0001", "handoff", "Thẩm định hồ sơ", days(5), DESK, "Trần Văn Bình", LAND,
                        "Lê Thị Mai", "2026-11-23T01:30:00Z", "2026-11-23T01:42:00Z", "2026-11-30T01:42:00Z",
                        "2026-11-24T03:00:00Z", HandoffState.DONE, DeadlineState.ON_TRACK, Timeliness.EARLY, null),
                // 2. land office → desk: a paper is missing; the clock stops, the step has no allowed time
                handoff(2, "env-0002", "supplementation-request", null, null, LAND, "Lê Thị Mai", DESK,
                        "Trần Văn Bình", "2026-11-24T03:00:00Z", "2026-11-24T03:05:00Z", null,
                        "2026-11-25T07:00:00Z", HandoffState.DONE, DeadlineState.ON_TRACK, null,
                        supplementationNote),
                // 3. desk → land office: the applicant supplied it; appraisal resumes, on time
                handoff(3, "env-0003", "supplementation", "Thẩm định hồ sơ", days(5), DESK, "Trần Văn Bình",
                        LAND, null, "2026-11-25T07:00:00Z", "2026-11-25T07:10:00Z", "2026-11-26T02:30:00Z",
                        "2026-11-26T02:30:00Z", HandoffState.DONE, DeadlineState.ON_TRACK, Timeliness.ON_TIME,
                        "Đã bổ sung bản trích đo địa chính"),
                // 4. land office → tax office: the fee, three days allowed, four taken: late
                handoff(4, "env-0004", "handoff", "Xác định nghĩa vụ tài chính", days(3), LAND, "Lê Thị Mai", tax,
                        "Phạm Quốc Cường", "2026-11-26T02:30:00Z", "2026-11-26T08:20:00Z", "2026-12-01T08:20:00Z",
                        "2026-12-02T03:00:00Z", HandoffState.DONE, DeadlineState.OVERDUE, Timeliness.LATE,
                        "Chờ xác minh giá đất"),
                // 5. tax office → land office: the tax notice back; record the change, on time
                handoff(5, "env-0005", "result", "Chỉnh lý hồ sơ địa chính", hours(8), tax, null, LAND,
                        "Lê Thị Mai", "2026-12-02T03:00:00Z", "2026-12-02T03:30:00Z", "2026-12-03T02:30:00Z",
                        "2026-12-03T02:00:00Z", HandoffState.DONE, DeadlineState.ON_TRACK, Timeliness.ON_TIME, null),
                // 6. land office → desk: the result for the applicant, given, not taken yet
                handoff(6, "env-0006", "result", "Trả kết quả cho người nộp", hours(4), LAND, "Lê Thị Mai", DESK,
                        null, "2026-12-03T02:00:00Z", null, "2026-12-03T07:30:00Z", null, HandoffState.GIVEN,
                        DeadlineState.ON_TRACK, null, null));
        List<StatusChange> history = List.of(
                new StatusChange(DossierStatus.ACCEPTED, null, utc("2026-11-23T01:15:00Z"), DESK.code(), "env-0001", null),
                new StatusChange(DossierStatus.SUPPLEMENTATION_REQUESTED, DossierStatus.ACCEPTED,
                        utc("2026-11-24T03:00:00Z"), LAND.code(), "env-0002", supplementationNote),
                new StatusChange(DossierStatus.PROCESSING, DossierStatus.SUPPLEMENTATION_REQUESTED,
                        utc("2026-11-25T07:00:00Z"), DESK.code(), "env-0003", null));
        return new DossierView(CODE, "1.004227", procedureName, applicant,
                utc("2026-11-23T01:15:00Z"),                             // received 08:15 on 23 Nov
                utc("2026-12-04T10:00:00Z"),                             // promised 17:00 on 4 Dec
                apologies.isEmpty() ? null : utc("2026-12-08T10:00:00Z"),
                utc("2026-12-08T03:00:00Z"),                             // due 10:00 on 8 Dec, after the wait
                status, statusAt, DESK, LAND, List.of(tax), paused, 1, DeadlineState.ON_TRACK, closedAt, result,
                utc("2026-11-23T01:30:00Z"), history, handoffs, apologies);
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    private static AllowedTime days(int amount) {
        return new AllowedTime(amount, Unit.WORKING_DAYS);
    }

    private static AllowedTime hours(int amount) {
        return new AllowedTime(amount, Unit.WORKING_HOURS);
    }

    private static Handoff handoff(long id, String envelopeId, String kind, @Nullable String step,
                                   @Nullable AllowedTime allowed, AgencyRef giver, @Nullable String giverOfficer,
                                   AgencyRef taker, @Nullable String takerOfficer, String givenAt,
                                   @Nullable String takenAt, @Nullable String dueAt, @Nullable String completedAt,
                                   HandoffState state, DeadlineState deadline, @Nullable Timeliness result,
                                   @Nullable String note) {
        return new Handoff(id, CODE, envelopeId, kind, step, allowed, giver, giverOfficer, taker, takerOfficer,
                utc(givenAt), takenAt == null ? null : utc(takenAt), takenAt == null ? utc(givenAt) : utc(takenAt),
                dueAt == null ? null : utc(dueAt), completedAt == null ? null : utc(completedAt), state, deadline,
                result, note);
    }
}
