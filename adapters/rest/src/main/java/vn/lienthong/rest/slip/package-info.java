/**
 * The control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ) as a printable page: the
 * dossier view turned into Vietnamese wording, laid out by a template as XHTML, and that page
 * printed to PDF with its fonts embedded. Presentation only: it reads the core's
 * {@code DossierView} and decides nothing.
 */
@NullMarked
package vn.lienthong.rest.slip;

import org.jspecify.annotations.NullMarked;
