/**
 * edXML (QCVN 102:2016) for department systems: {@link vn.lienthong.client.edxml.EdxmlDocument}
 * and {@link vn.lienthong.client.edxml.EdxmlStatus} build official documents and status
 * messages with a typed, fluent API, checked against {@code edxml-v1.xsd} before anyone signs
 * them; {@link vn.lienthong.client.edxml.DossierEdxml} converts a dossier envelope to the edXML
 * document that carries it, and back (the mapping is docs/EDXML.md). Plain Java; no Spring, no
 * gateway code.
 */
@NullMarked
package vn.lienthong.client.edxml;

import org.jspecify.annotations.NullMarked;
