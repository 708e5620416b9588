package vn.lienthong.example.department;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.lienthong.client.envelope.EnvelopeKind;

/** What the department sends for each envelope it takes, with the demo's two departments' settings. */
class CaseloadTest {

    private static final String DESK = "000.00.01.H53";
    private static final String LAND_OFFICE = "000.01.12.H53";
    private static final String FINANCE = "000.00.05.H53";
    private static final String DOSSIER = "000.00.01.H53-261127-0002";

    private final AtomicInteger ids = new AtomicInteger();
    private final Caseload landOffice = new Caseload(DemoSettings.landOffice(), () -> "out-" + ids.incrementAndGet());
    private final Caseload finance = new Caseload(DemoSettings.finance(), () -> "out-" + ids.incrementAndGet());

    @Test
    void handoffIsReportedAsBeingProcessedAtOnceAndHandedOnAfterProcessing() {
        Caseload.Work work = landOffice.taken(incoming("in-1", EnvelopeKind.HANDOFF, DESK));

        assertThat(work.now()).singleElement().satisfies(status -> {
            assertThat(status.kind()).isEqualTo(EnvelopeKind.STATUS);
            assertThat(status.to()).isEqualTo(DESK);
            assertThat(status.status()).isEqualTo(4);
            assertThat(status.inReplyTo()).isEqualTo("in-1");
        });
        assertThat(work.afterProcessing()).singleElement().satisfies(handoff -> {
            assertThat(handoff.kind()).isEqualTo(EnvelopeKind.HANDOFF);
            assertThat(handoff.from()).isEqualTo(LAND_OFFICE);
            assertThat(handoff.officer()).isEqualTo("Lê Văn Cường");
            assertThat(handoff.to()).isEqualTo(FINANCE);
            assertThat(handoff.step().name()).isEqualTo("Xác định nghĩa vụ tài chính");
            assertThat(handoff.status()).as("a hand-off implies status 4").isNull();
            assertThat(handoff.dossierCode()).isEqualTo(DOSSIER);
            assertThat(handoff.procedureCode()).isEqualTo("1.004227");
        });
    }

    @Test
    void resultFromTheAgencyHandedOnToGoesBackToTheGiverAsThisDepartmentsResult() {
        landOffice.taken(incoming("in-1", EnvelopeKind.HANDOFF, DESK));

        Caseload.Work work = landOffice.taken(incoming("in-2", EnvelopeKind.RESULT, FINANCE));

        assertThat(work.now()).isEmpty();
        assertThat(work.afterProcessing()).singleElement().satisfies(result -> {
            assertThat(result.kind()).isEqualTo(EnvelopeKind.RESULT);
            assertThat(result.to()).isEqualTo(DESK);
            assertThat(result.status()).as("the land office finishes the dossier").isEqualTo(9);
            assertThat(result.step().name()).isEqualTo("Trả kết quả cho công dân");
            assertThat(result.inReplyTo()).isEqualTo("in-2");
        });
        assertThat(landOffice.taken(incoming("in-3", EnvelopeKind.RESULT, FINANCE)))
                .as("the dossier went back already").isEqualTo(Caseload.Work.NONE);
    }

    @Test
    void withoutHandOnTheResultGoesBackToTheGiverWithTheStatusUnchanged() {
        Caseload.Work work = finance.taken(incoming("in-1", EnvelopeKind.HANDOFF, LAND_OFFICE));

        assertThat(work.now()).singleElement().satisfies(status -> assertThat(status.to()).isEqualTo(LAND_OFFICE));
        assertThat(work.afterProcessing()).singleElement().satisfies(result -> {
            assertThat(result.kind()).isEqualTo(EnvelopeKind.RESULT);
            assertThat(result.to()).isEqualTo(LAND_OFFICE);
            assertThat(result.from()).isEqualTo(FINANCE);
            assertThat(result.status()).isNull();
            assertThat(result.note()).contains("1.250.000");
        });
    }

    @Test
    void anEnvelopeTakenAgainAsksForNothing() {
        landOffice.taken(incoming("in-1", EnvelopeKind.HANDOFF, DESK));

        assertThat(landOffice.taken(incoming("in-1", EnvelopeKind.HANDOFF, DESK))).isEqualTo(Caseload.Work.NONE);
    }

    @Test
    void resultsFromOthersAndStatusReportsAskForNothing() {
        assertThat(landOffice.taken(incoming("in-1", EnvelopeKind.RESULT, FINANCE)))
                .as("a result for a dossier it never handed on").isEqualTo(Caseload.Work.NONE);
        landOffice.taken(incoming("in-2", EnvelopeKind.HANDOFF, DESK));
        assertThat(landOffice.taken(incoming("in-3", EnvelopeKind.RESULT, "000.00.31.H53"))).isEqualTo(Caseload.Work.NONE);
        assertThat(landOffice.taken(incoming("in-4", EnvelopeKind.STATUS, FINANCE))).isEqualTo(Caseload.Work.NONE);
        assertThat(finance.taken(incoming("in-5", EnvelopeKind.RESULT, LAND_OFFICE))).isEqualTo(Caseload.Work.NONE);
    }

    private static IncomingEnvelope incoming(String id, EnvelopeKind kind, String sender) {
        return new IncomingEnvelope(id, kind, sender, DOSSIER, "1.004227");
    }
}
