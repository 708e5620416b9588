package vn.lienthong.core.edxml;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Finding elements of the edXML namespace in a DOM; other namespaces are never matched. */
final class EdxmlElements {

    private EdxmlElements() {
    }

    static Element child(Element parent, String name) {
        Element child = optionalChild(parent, name);
        if (child == null) {
            throw new IllegalStateException("validated edXML lacks <" + name + "> in <" + parent.getLocalName() + ">");
        }
        return child;
    }

    static @Nullable Element optionalChild(@Nullable Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (isEdxml(node, name)) {
                return (Element) node;
            }
        }
        return null;
    }

    static List<Element> children(@Nullable Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (isEdxml(node, name)) {
                found.add((Element) node);
            }
        }
        return found;
    }

    /** The stripped text of a child; null when the child is absent or empty, as systems write what they do not have. */
    static @Nullable String optionalText(@Nullable Element parent, String name) {
        Element child = optionalChild(parent, name);
        return child == null ? null : textOf(child);
    }

    static @Nullable String textOf(Element element) {
        String text = element.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static boolean isEdxml(Node node, String name) {
        return node instanceof Element element && name.equals(element.getLocalName())
                && EdxmlReader.NAMESPACE.equals(element.getNamespaceURI());
    }
}
