package com.acme.orders.xml;

import javax.servlet.http.HttpServletRequest;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** Looks up an order's status in the nightly export from the warehouse system. */
public class OrderStatusLookup {

    private final Document export;

    public OrderStatusLookup(Document export) {
        this.export = export;
    }

    public String status(HttpServletRequest request) throws XPathExpressionException {
        long orderId;
        try {
            orderId = Long.parseLong(request.getHeader("X-Order-Id"));
        } catch (NumberFormatException e) {
            return "";
        }
        XPath xp = XPathFactory.newInstance().newXPath();
        // expect-not: CWE-643
        XPathExpression expr = xp.compile("/export/order[@id=" + orderId + "]/status/text()");
        return expr.evaluate(export);
    }
}
