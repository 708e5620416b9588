/**
 * Dossier traffic as edXML (QCVN 102:2016): converting a dossier envelope to the edXML
 * document that carries it, and back, for department systems that exchange edXML. The
 * mapping is docs/EDXML.md. Plain Java; no Spring, no gateway code.
 */
@NullMarked
package vn.lienthong.client.edxml;

import org.jspecify.annotations.NullMarked;
