package vn.lienthong.client.edxml;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading and writing the elements of one namespace in a DOM. */
final class Elements {

    private final String namespace;

    Elements(String namespace) {
        this.namespace = namespace;
    }

    List<Element> children(@Nullable Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())
                    && namespace.equals(element.getNamespaceURI())) {
                found.add(element);
            }
        }
        return found;
    }

    @Nullable Element optionalChild(@Nullable Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    Element child(Element parent, String name) {
        Element child = optionalChild(parent, name);
        if (child == null) {
            throw new IllegalStateException("validated document lacks <" + name + "> in <" + parent.getLocalName() + ">");
        }
        return child;
    }

    /** The stripped text of a child; null when it is absent or empty. */
    @Nullable String text(@Nullable Element parent, String name) {
        Element child = optionalChild(parent, name);
        if (child == null) {
            return null;
        }
        String text = child.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    Element append(Node parent, String name) {
        Document document = parent instanceof Document d ? d : parent.getOwnerDocument();
        Element element = document.createElementNS(namespace, name);
        parent.appendChild(element);
        return element;
    }

    Element append(Node parent, String name, String text) {
        Element element = append(parent, name);
        element.setTextContent(text);
        return element;
    }
}
