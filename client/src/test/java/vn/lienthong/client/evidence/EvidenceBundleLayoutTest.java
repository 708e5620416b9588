package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The file names of envelopes and receipts: unique by seq, portable, short, readable. */
class EvidenceBundleLayoutTest {

    @Test
    void namesKeepPortableCharactersAndReplaceTheRest() {
        assertThat(EvidenceBundleLayout.fileName(1, "tutorial:0001")).isEqualTo("1-tutorial_0001");
        assertThat(EvidenceBundleLayout.fileName(3, "Land-Asks-Tax-0002")).isEqualTo("3-Land-Asks-Tax-0002");
        assertThat(EvidenceBundleLayout.fileName(12, "a.b_c-d")).isEqualTo("12-a.b_c-d");
        assertThat(EvidenceBundleLayout.fileName(5, "hồ sơ/1")).isEqualTo("5-h__s__1");
        assertThat(EvidenceBundleLayout.fileName(6, "x\uD83D\uDE00y")).as("one replacement per code point").isEqualTo("6-x_y");
    }

    @Test
    void idsDifferingOnlyInCaseOrReservedOnWindowsStillGetDistinctSafeNames() {
        assertThat(EvidenceBundleLayout.fileName(1, "CON")).isEqualTo("1-CON");
        assertThat(EvidenceBundleLayout.fileName(2, "con")).isEqualTo("2-con");
    }

    @Test
    void longIdsAreCutTo64Characters() {
        String id = "a".repeat(60) + ":" + "b".repeat(67);

        assertThat(EvidenceBundleLayout.fileName(99, id)).isEqualTo("99-" + "a".repeat(60) + "_bbb");
        assertThat(EvidenceBundleLayout.envelopeEntry(99, id)).hasSize("envelopes/99-".length() + 64 + ".xml".length());
    }

    @Test
    void envelopeAndReceiptEntriesAreRecognised() {
        assertThat(EvidenceBundleLayout.isEnvelopeEntry("envelopes/1-a.xml")).isTrue();
        assertThat(EvidenceBundleLayout.isEnvelopeEntry("envelopes/sub/1-a.xml")).isFalse();
        assertThat(EvidenceBundleLayout.isEnvelopeEntry("envelopes/.xml")).isFalse();
        assertThat(EvidenceBundleLayout.isReceiptEntry("receipts/1-a.xml")).isTrue();
        assertThat(EvidenceBundleLayout.isReceiptEntry("envelopes/1-a.xml")).isFalse();
    }
}
