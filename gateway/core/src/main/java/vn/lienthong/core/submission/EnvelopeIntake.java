package vn.lienthong.core.submission;

import vn.lienthong.core.envelope.EnvelopeBytes;

/** Step 1: read the body, within the size limit, keeping the exact bytes. */
final class EnvelopeIntake {

    private final long maxBytes;

    EnvelopeIntake(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    SubmissionStages.Received receive(Submission submission) {
        return new SubmissionStages.Received(submission.caller(), EnvelopeBytes.read(submission.body(), maxBytes));
    }
}
