package com.acme.catalog.xml;

import javax.servlet.http.HttpServletRequest;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Product data lives in a vendor-supplied XML file loaded at start-up. */
public class CatalogXmlRepository {

    private final Document catalog;

    public CatalogXmlRepository(Document catalog) {
        this.catalog = catalog;
    }

    public NodeList productsBySku(HttpServletRequest request) throws XPathExpressionException {
        String sku = request.getParameter("sku");
        XPath xpath = XPathFactory.newInstance().newXPath();
        String expr = "/catalog/product[@sku='" + sku + "' and @visible='true']";
        // expect: CWE-643
        return (NodeList) xpath.evaluate(expr, catalog, XPathConstants.NODESET);
    }
}
