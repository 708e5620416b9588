package vn.lienthong.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.jspecify.annotations.Nullable;
import vn.lienthong.core.edxml.DocumentView;
import vn.lienthong.core.edxml.EdxmlDocuments;
import vn.lienthong.core.error.ErrorCode;

/**
 * edXML documents the gateway carried: revisions, status messages, and the latest status at
 * each recipient. Query parameters rather than path segments, since a {@code DocumentId}
 * holds commas and slashes ({@code 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT}).
 */
@Path("/documents")
public class DocumentResource {

    private final EdxmlDocuments documents;

    DocumentResource(EdxmlDocuments documents) {
        this.documents = documents;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DocumentView document(@QueryParam("sender") @Nullable String sender,
                                 @QueryParam("documentId") @Nullable String documentId,
                                 @Context SecurityContext security) {
        if (sender == null || sender.isBlank() || documentId == null || documentId.isBlank()) {
            throw ErrorCode.REQUEST_INVALID.exception("name the document: ?sender=<agency code>&documentId=<DocumentId>")
                    .build();
        }
        return documents.view(CallerSecurityContext.callerOf(security), sender.strip(), documentId.strip());
    }
}
