package vn.lienthong.core.submission;

import vn.lienthong.core.error.GatewayException;
import vn.lienthong.core.receipt.Receipt;

/**
 * The inbound port for submitting envelopes, called by the REST and SOAP adapters. Backed by
 * the ingress flow; returns once the envelope is stored and routed.
 */
public interface SubmissionPort {

    /**
     * @return the signed receipt, or the first receipt again when this exact envelope was already accepted
     * @throws GatewayException with the code of the first check the envelope failed; nothing is stored then
     */
    Receipt submit(Submission submission);
}
