package vn.lienthong.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Canonical XML (C14N 1.0 inclusive, or exclusive C14N) of a whole document minus its
 * enveloped signature, written while a SAX parser reads the document, so a document of any
 * size is digested in constant memory. It produces what Santuario produces for the
 * enveloped-signature transform followed by the canonicalisation, for documents without a
 * DTD, which the gateway refuses anyway; a differential test holds the two to that.
 */
final class StreamingCanonicalizer extends DefaultHandler2 {

    private static final String XML_PREFIX = "xml";
    private static final String DEFAULT = "";

    private final OutputStream out;
    private final boolean exclusive;
    private final boolean withComments;
    private final Set<String> inclusivePrefixes;
    /** The elements from the document element down to the signature's parent; null for the document element itself. */
    private final @Nullable List<QName> signatureParent;
    private final Deque<Map<String, String>> inScope = new ArrayDeque<>();
    private final Deque<Map<String, String>> rendered = new ArrayDeque<>();
    private final Map<String, String> declared = new HashMap<>();
    private final StringBuilder buffer = new StringBuilder(8192);
    private int depth;
    private int skipFrom = -1;
    private boolean signatureSkipped;
    private boolean rootDone;
    /** How many leading elements of {@link #signatureParent} the open elements match. */
    private int parentMatched;

    /**
     * @param inclusivePrefixes for exclusive C14N, the prefixes of an InclusiveNamespaces
     *        PrefixList ({@code ""} for {@code #default}); ignored for inclusive C14N
     */
    StreamingCanonicalizer(OutputStream out, boolean exclusive, boolean withComments, Set<String> inclusivePrefixes) {
        this(out, exclusive, withComments, inclusivePrefixes, null);
    }

    /**
     * @param signatureParent where the enveloped signature is: the names of the elements from
     *        the document element down to its parent; null when it is a child of the document element
     */
    StreamingCanonicalizer(OutputStream out, boolean exclusive, boolean withComments, Set<String> inclusivePrefixes,
                           @Nullable List<QName> signatureParent) {
        this.out = out;
        this.exclusive = exclusive;
        this.withComments = withComments;
        this.inclusivePrefixes = Set.copyOf(inclusivePrefixes);
        this.signatureParent = signatureParent == null ? null : List.copyOf(signatureParent);
        inScope.push(Map.of());
        rendered.push(Map.of());
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        declared.put(prefix, uri);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (skipFrom >= 0 || isTheSignature(uri, localName)) {
            if (skipFrom < 0) {
                skipFrom = depth;
                signatureSkipped = true;
            }
            declared.clear();
            depth++;
            return;
        }
        if (signatureParent != null && parentMatched == depth && depth < signatureParent.size()
                && signatureParent.get(depth).equals(new QName(uri, localName))) {
            parentMatched = depth + 1;
        }
        Map<String, String> scope = new HashMap<>(inScope.peek());
        scope.putAll(declared);
        declared.clear();
        Map<String, String> outputs = namespacesToRender(qName, attributes, scope);
        Map<String, String> renderedHere = new HashMap<>(rendered.peek());
        renderedHere.putAll(outputs);
        inScope.push(scope);
        rendered.push(renderedHere);

        buffer.append('<').append(qName);
        outputs.forEach((prefix, namespace) -> {
            buffer.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"");
            escapeAttribute(namespace);
            buffer.append('"');
        });
        for (int i : sortedAttributes(attributes)) {
            buffer.append(' ').append(attributes.getQName(i)).append("=\"");
            escapeAttribute(attributes.getValue(i));
            buffer.append('"');
        }
        buffer.append('>');
        depth++;
        flushIfFull();
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        depth--;
        if (skipFrom >= 0) {
            if (depth == skipFrom) {
                skipFrom = -1;
            }
            return;
        }
        parentMatched = Math.min(parentMatched, depth);
        buffer.append("</").append(qName).append('>');
        inScope.pop();
        rendered.pop();
        if (depth == 0) {
            rootDone = true;
        }
        flushIfFull();
    }

    @Override
    public void characters(char[] text, int start, int length) {
        if (skipFrom >= 0 || depth == 0) {
            return;
        }
        for (int i = start; i < start + length; i++) {
            char c = text[i];
            switch (c) {
                case '&' -> buffer.append("&amp;");
                case '<' -> buffer.append("&lt;");
                case '>' -> buffer.append("&gt;");
                case '\r' -> buffer.append("&#xD;");
                default -> buffer.append(c);
            }
        }
        flushIfFull();
    }

    @Override
    public void ignorableWhitespace(char[] text, int start, int length) {
        characters(text, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) {
        if (skipFrom >= 0) {
            return;
        }
        outsideRootBefore();
        buffer.append("<?").append(target);
        if (data != null && !data.isEmpty()) {
            buffer.append(' ').append(data);
        }
        buffer.append("?>");
        outsideRootAfter();
    }

    @Override
    public void comment(char[] text, int start, int length) {
        if (!withComments || skipFrom >= 0) {
            return;
        }
        outsideRootBefore();
        buffer.append("<!--").append(text, start, length).append("-->");
        outsideRootAfter();
    }

    @Override
    public void endDocument() {
        flush();
    }

    /** True once the enveloped signature was met and left out. */
    boolean signatureSkipped() {
        return signatureSkipped;
    }

    /** The enveloped signature: the first XML-DSig Signature that is a child of the document element, or of the named parent. */
    private boolean isTheSignature(String uri, String localName) {
        if (signatureSkipped || !XmlDsig.NAMESPACE.equals(uri) || !"Signature".equals(localName)) {
            return false;
        }
        return signatureParent == null ? depth == 1 : depth == signatureParent.size() && parentMatched == depth;
    }

    /** Nodes outside the document element are separated from it by a line break (C14N 1.0, 2.1). */
    private void outsideRootBefore() {
        if (depth == 0 && rootDone) {
            buffer.append('\n');
        }
    }

    private void outsideRootAfter() {
        if (depth == 0 && !rootDone) {
            buffer.append('\n');
        }
    }

    /** The namespace declarations this element renders, sorted: the default first, then by prefix. */
    private Map<String, String> namespacesToRender(String qName, Attributes attributes, Map<String, String> scope) {
        Map<String, String> candidates = new TreeMap<>();
        if (exclusive) {
            List<String> utilized = new ArrayList<>();
            utilized.add(prefixOf(qName));
            for (int i = 0; i < attributes.getLength(); i++) {
                String prefix = prefixOf(attributes.getQName(i));
                if (!prefix.isEmpty()) {
                    utilized.add(prefix);
                }
            }
            utilized.addAll(inclusivePrefixes);
            for (String prefix : utilized) {
                if (prefix.isEmpty() || scope.containsKey(prefix)) {
                    candidates.put(prefix, scope.getOrDefault(prefix, ""));
                }
            }
        } else {
            candidates.putAll(scope);
        }
        candidates.remove(XML_PREFIX);
        Map<String, String> output = new TreeMap<>();
        Map<String, String> already = rendered.peek();
        candidates.forEach((prefix, namespace) -> {
            String current = already.getOrDefault(prefix, "");
            boolean differs = !Objects.equals(already.get(prefix), namespace);
            if (prefix.equals(DEFAULT) ? !namespace.equals(current) : differs && !namespace.isEmpty()) {
                output.put(prefix, namespace);
            }
        });
        return output;
    }

    private static List<Integer> sortedAttributes(Attributes attributes) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (!attributes.getQName(i).startsWith("xmlns")) {
                order.add(i);
            }
        }
        order.sort((a, b) -> {
            int byNamespace = attributes.getURI(a).compareTo(attributes.getURI(b));
            return byNamespace != 0 ? byNamespace : attributes.getLocalName(a).compareTo(attributes.getLocalName(b));
        });
        return order;
    }

    private static String prefixOf(String qName) {
        int colon = qName.indexOf(':');
        return colon < 0 ? DEFAULT : qName.substring(0, colon);
    }

    private void escapeAttribute(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> buffer.append("&amp;");
                case '<' -> buffer.append("&lt;");
                case '"' -> buffer.append("&quot;");
                case '\t' -> buffer.append("&#x9;");
                case '\n' -> buffer.append("&#xA;");
                case '\r' -> buffer.append("&#xD;");
                default -> buffer.append(c);
            }
        }
    }

    private void flushIfFull() {
        if (buffer.length() >= 8192) {
            flush();
        }
    }

    /** Writes what is buffered, keeping back a high surrogate whose pair the parser has not delivered yet. */
    private void flush() {
        int end = buffer.length();
        if (end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
            end--;
        }
        try {
            out.write(buffer.substring(0, end).getBytes(StandardCharsets.UTF_8));
            buffer.delete(0, end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write canonical XML", e);
        }
    }
}
