package vn.lienthong.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.lienthong.core.tracking.DossierStatus.ACCEPTED;
import static vn.lienthong.core.tracking.DossierStatus.PROCESSED;
import static vn.lienthong.core.tracking.DossierStatus.PROCESSING;
import static vn.lienthong.core.tracking.DossierStatus.REGISTERED;
import static vn.lienthong.core.tracking.DossierStatus.RETURNED;
import static vn.lienthong.core.tracking.DossierStatus.STOPPED;
import static vn.lienthong.core.tracking.DossierStatus.SUPPLEMENTATION_REQUESTED;
import static vn.lienthong.core.tracking.DossierStatus.WITHDRAWN;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.lienthong.core.envelope.EnvelopeKind;
import vn.lienthong.core.error.ErrorCode;
import vn.lienthong.core.error.GatewayException;

class DossierLifecycleTest {

    private static final String CODE = "000.00.01.H53-260302-0001";

    @Test
    void codesAreTheNationalTable() {
        assertThat(Arrays.stream(DossierStatus.values()).mapToInt(DossierStatus::code)).containsExactly(1, 2, 3, 4, 5,
                6, 7, 8, 9, 10);
        assertThat(DossierStatus.ofCode(10)).isEqualTo(RETURNED);
        assertThat(RETURNED.vietnamese()).isEqualTo("Đã trả kết quả");
        assertThatThrownBy(() -> DossierStatus.ofCode(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsImplyStatuses() {
        assertThat(next(ACCEPTED, null, EnvelopeKind.HANDOFF, null)).isEqualTo(PROCESSING);
        assertThat(next(PROCESSING, null, EnvelopeKind.HANDOFF, null)).isEqualTo(PROCESSING);
        assertThat(next(PROCESSING, null, EnvelopeKind.SUPPLEMENTATION_REQUEST, null))
                .isEqualTo(SUPPLEMENTATION_REQUESTED);
        assertThat(next(SUPPLEMENTATION_REQUESTED, PROCESSING, EnvelopeKind.SUPPLEMENTATION, null)).isEqualTo(PROCESSING);
        assertThat(next(SUPPLEMENTATION_REQUESTED, REGISTERED, EnvelopeKind.SUPPLEMENTATION, null))
                .as("papers asked for at the desk bring the dossier back to the desk's status").isEqualTo(REGISTERED);
        assertThat(next(PROCESSING, null, EnvelopeKind.RESULT, null)).as("a step's result alone changes nothing")
                .isEqualTo(PROCESSING);
        assertThat(next(PROCESSING, null, EnvelopeKind.RESULT, 9)).isEqualTo(PROCESSED);
        assertThat(next(PROCESSING, null, EnvelopeKind.RETURN, null)).isEqualTo(STOPPED);
        assertThat(next(PROCESSED, null, EnvelopeKind.STATUS, 10)).isEqualTo(RETURNED);
        assertThat(next(STOPPED, null, EnvelopeKind.STATUS, 10)).isEqualTo(RETURNED);
    }

    @ParameterizedTest
    @EnumSource(DossierStatus.class)
    void theFirstStatusHeardIsTakenAsItIs(DossierStatus first) {
        assertThat(next(null, null, EnvelopeKind.STATUS, first.code())).isEqualTo(first);
    }

    @Test
    void aResultWithoutStatusOnANewDossierLeavesItWithoutStatus() {
        assertThat(next(null, null, EnvelopeKind.RESULT, null)).isNull();
    }

    @Test
    void returnedDossiersCannotBeProcessedAgain() {
        assertThatThrownBy(() -> next(RETURNED, null, EnvelopeKind.HANDOFF, null))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_TRANSITION_NOT_ALLOWED);
                    assertThat(e.detail()).contains(CODE, "returned (10)", "handoff", "processing (4)");
                    assertThat(e.properties()).containsEntry("currentStatus", 10).containsEntry("requestedStatus", 4);
                });
    }

    @Test
    void finishedDossiersAcceptNoFurtherResults() {
        assertThatThrownBy(() -> next(PROCESSED, null, EnvelopeKind.RESULT, null))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_TRANSITION_NOT_ALLOWED));
        assertThatThrownBy(() -> next(WITHDRAWN, null, EnvelopeKind.STATUS, 4))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_TRANSITION_NOT_ALLOWED));
        assertThatThrownBy(() -> next(PROCESSED, null, EnvelopeKind.STATUS, 9)).as("processed twice")
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void everyTransitionOutsideTheTableIsRefused() {
        for (DossierStatus from : DossierStatus.values()) {
            for (DossierStatus to : DossierStatus.values()) {
                boolean allowed = from.canBecome(to);
                if (allowed) {
                    assertThat(next(from, null, EnvelopeKind.STATUS, to.code())).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> next(from, null, EnvelopeKind.STATUS, to.code()))
                            .as("%s -> %s", from, to).isInstanceOf(GatewayException.class);
                }
            }
        }
    }

    @Test
    void aStatusEnvelopeMustSayTheStatus() {
        assertThatThrownBy(() -> next(PROCESSING, null, EnvelopeKind.STATUS, null))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_STATUS_MISSING));
    }

    @Test
    void supplementationKindsAndReportedStatusesMustAgree() {
        assertThatThrownBy(() -> next(PROCESSING, null, EnvelopeKind.SUPPLEMENTATION_REQUEST, 4))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_STATUS_CONFLICT));
        assertThatThrownBy(() -> next(SUPPLEMENTATION_REQUESTED, PROCESSING, EnvelopeKind.SUPPLEMENTATION, 5))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_STATUS_CONFLICT));
    }

    private static DossierStatus next(DossierStatus current, DossierStatus beforePause, EnvelopeKind kind,
                                      Integer reported) {
        return DossierLifecycle.next(CODE, current, beforePause, kind, reported);
    }
}
