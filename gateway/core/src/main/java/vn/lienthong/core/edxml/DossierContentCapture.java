package vn.lienthong.core.edxml;

import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Keeps the content of the dossier attachment while an edXML document streams past, and
 * nothing else: {@code edXML/AttachmentEncoded/Attachment/ContentTransferEncoded} of the
 * attachment whose {@code ContentId} (which edxml-v1.xsd puts first) is the dossier's.
 */
final class DossierContentCapture extends DefaultHandler {

    private final int limit;
    private final StringBuilder contentId = new StringBuilder();
    private final StringBuilder content = new StringBuilder();
    private int depth;
    private boolean inAttachmentEncoded;
    private boolean inAttachment;
    private boolean inContentId;
    private boolean inContent;
    private boolean found;
    private boolean tooLarge;

    DossierContentCapture(int limit) {
        this.limit = limit;
    }

    /** The dossier attachment's base64, or null when there is none. */
    @Nullable String content() {
        return found ? content.toString() : null;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        depth++;
        if (!EdxmlReader.NAMESPACE.equals(uri) || found) {
            return;
        }
        if (depth == 2 && "AttachmentEncoded".equals(localName)) {
            inAttachmentEncoded = true;
        } else if (inAttachmentEncoded && depth == 3 && "Attachment".equals(localName)) {
            inAttachment = true;
            contentId.setLength(0);
        } else if (inAttachment && depth == 4 && "ContentId".equals(localName)) {
            inContentId = true;
        } else if (inAttachment && depth == 4 && "ContentTransferEncoded".equals(localName)
                && EdxmlDossier.CONTENT_ID.equals(contentId.toString().strip())) {
            inContent = true;
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (inContent && depth == 4) {
            inContent = false;
            found = true;
        }
        if (depth == 4) {
            inContentId = false;
        }
        if (depth == 3) {
            inAttachment = false;
        }
        if (depth == 2) {
            inAttachmentEncoded = false;
        }
        depth--;
    }

    @Override
    public void characters(char[] text, int start, int length) {
        if (inContentId && contentId.length() < 1024) {
            contentId.append(text, start, length);
        } else if (inContent && !tooLarge) {
            if (content.length() + length > limit) {
                tooLarge = true;
                content.setLength(0);
            } else {
                content.append(text, start, length);
            }
        }
    }
}
