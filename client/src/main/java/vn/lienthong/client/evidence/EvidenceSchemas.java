package vn.lienthong.client.evidence;

import vn.lienthong.client.ContractSchema;

/** The schemas an evidence bundle's signed documents are validated against, compiled once. */
final class EvidenceSchemas {

    static final ContractSchema EVIDENCE = ContractSchema.load("evidence-v1.xsd");
    static final ContractSchema RECEIPT = ContractSchema.load("receipt-v1.xsd");

    private EvidenceSchemas() {
    }
}
