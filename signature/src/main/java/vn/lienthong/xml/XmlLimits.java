package vn.lienthong.xml;

/**
 * Structural limits applied while parsing untrusted XML.
 *
 * @param maxElementDepth deepest element nesting accepted
 * @param maxAttributesPerElement most attributes one element may carry
 * @param maxNameLength longest element or attribute name (JDK limit on XML names)
 * @param maxAttributeValueLength longest attribute value, in characters
 */
public record XmlLimits(int maxElementDepth, int maxAttributesPerElement, int maxNameLength,
                        int maxAttributeValueLength) {

    /** Generous for any real envelope, small enough that a crafted one cannot exhaust memory. */
    public static final XmlLimits DEFAULT = new XmlLimits(64, 64, 256, 8192);

    public XmlLimits {
        if (maxElementDepth < 4 || maxAttributesPerElement < 1 || maxNameLength < 16 || maxAttributeValueLength < 256) {
            throw new IllegalArgumentException("XML limits too small to parse an envelope: " + this);
        }
    }
}
