/**
 * edXML (QCVN 102:2016/BTTTT), the national document envelope: reading a document or status
 * message that passed {@code edxml-v1.xsd}, checking its attachments, and reading the dossier
 * that lienthong dossier traffic carries inside it (docs/EDXML.md).
 */
@NullMarked
package vn.lienthong.core.edxml;

import org.jspecify.annotations.NullMarked;
