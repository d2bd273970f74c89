package com.acme.billing.importer;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

@RestController
public class InvoiceImportService {

    @PostMapping("/billing/invoices/import")
    public String importInvoice(@RequestParam("file") MultipartFile file)
            throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        DocumentBuilder builder = dbf.newDocumentBuilder();
        try (InputStream in = file.getInputStream()) {
            // expect: CWE-611
            Document doc = builder.parse(in);
            Element root = doc.getDocumentElement();
            String number = root.getElementsByTagName("number").item(0).getTextContent();
            BigDecimal total = new BigDecimal(root.getElementsByTagName("total").item(0).getTextContent());
            return number + ":" + total;
        }
    }
}
