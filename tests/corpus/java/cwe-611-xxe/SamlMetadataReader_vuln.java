package com.acme.sso;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** Reads identity-provider metadata pasted into the admin console. */
public class SamlMetadataReader {

    public List<String> endpoints(HttpServletRequest request) throws Exception {
        Reader body = request.getReader();
        XMLInputFactory xif = XMLInputFactory.newInstance();
        // expect: CWE-611
        XMLStreamReader xr = xif.createXMLStreamReader(body);
        List<String> endpoints = new ArrayList<>();
        while (xr.hasNext()) {
            if (xr.next() == XMLStreamConstants.START_ELEMENT
                    && "SingleSignOnService".equals(xr.getLocalName())) {
                endpoints.add(xr.getAttributeValue(null, "Location"));
            }
        }
        return endpoints;
    }
}
