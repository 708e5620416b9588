package vn.lienthong.app;

/** Unsigned edXML messages for tests, as a department's document system would write them. */
final class TestEdxml {

    private TestEdxml() {
    }

    /** An official letter (công văn) from {@code from} to {@code to}, new (BussinessDocType 0), with one attachment. */
    static String document(String from, String to, String documentId, String subject) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
                  <edXMLEnvelope>
                    <edXMLHeader>
                      <MessageHeader>
                        <From><OrganId>%1$s</OrganId><OrganName>Trung tâm Phục vụ hành chính công tỉnh</OrganName></From>
                        <To><OrganId>%2$s</OrganId><OrganName>Sở Xây dựng</OrganName></To>
                        <DocumentId>%3$s</DocumentId>
                        <Code><CodeNumber>15</CodeNumber><CodeNotation>TTPVHCC</CodeNotation></Code>
                        <PromulgationInfo><Place>Tỉnh Demo</Place><PromulgationDate>2026/11/28</PromulgationDate></PromulgationInfo>
                        <DocumentType><Type>1</Type><TypeName>Công văn</TypeName></DocumentType>
                        <Subject>%4$s</Subject>
                        <SignerInfo><Competence>KT. GIÁM ĐỐC</Competence><FullName>Nguyễn Văn An</FullName></SignerInfo>
                        <SteeringType>0</SteeringType>
                      </MessageHeader>
                      <TraceHeaderList>
                        <TraceHeader><OrganId>%1$s</OrganId><Timestamp>2026/11/28 09:30:00</Timestamp></TraceHeader>
                        <Bussiness><BussinessDocType>0</BussinessDocType><BussinessDocReason>Văn bản mới</BussinessDocReason><Paper>0</Paper></Bussiness>
                      </TraceHeaderList>
                    </edXMLHeader>
                    <edXMLBody>
                      <edXMLManifest version="1.0">
                        <Reference><ContentId>cid:1</ContentId><ContentType>text/plain</ContentType><AttachmentName>cong-van.txt</AttachmentName></Reference>
                      </edXMLManifest>
                    </edXMLBody>
                  </edXMLEnvelope>
                  <AttachmentEncoded>
                    <Attachment>
                      <ContentId>cid:1</ContentId>
                      <AttachmentName>cong-van.txt</AttachmentName>
                      <ContentType>text/plain</ContentType>
                      <ContentTransferEncoded>Q8O0bmcgdsSDbiB0aOG7rSBuZ2hp4buHbQ==</ContentTransferEncoded>
                    </Attachment>
                  </AttachmentEncoded>
                </edXML>
                """.formatted(from, to, documentId, subject);
    }

    /** A status message from {@code from} about the document {@code to} sent as {@code documentId}. */
    static String status(String from, String to, String documentId, String code, String description) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
                  <edXMLEnvelope>
                    <edXMLHeader>
                      <MessageHeader>
                        <From><OrganId>%s</OrganId></From>
                        <ResponseFor><OrganId>%s</OrganId><DocumentId>%s</DocumentId></ResponseFor>
                        <StaffInfo><Department>Văn thư</Department><Staff>Lê Thị Cúc</Staff></StaffInfo>
                        <StatusCode>%s</StatusCode>
                        <Description>%s</Description>
                        <Timestamp>2026/11/28 10:05:00</Timestamp>
                      </MessageHeader>
                    </edXMLHeader>
                  </edXMLEnvelope>
                </edXML>
                """.formatted(from, to, documentId, code, description);
    }
}
