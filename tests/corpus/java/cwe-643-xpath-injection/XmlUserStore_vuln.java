package com.acme.legacy.auth;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.InputSource;

/** Kiosk login backed by users.xml (legacy deployment). */
@RestController
public class XmlUserStore {

    @PostMapping("/kiosk/login")
    public boolean login(@RequestParam String user, @RequestParam String pin) throws XPathExpressionException {
        XPath xp = XPathFactory.newInstance().newXPath();
        InputSource users = new InputSource("/etc/kiosk/users.xml");
        // expect: CWE-643
        String role = xp.evaluate("//user[name/text()='" + user + "' and pin/text()='" + pin + "']/role", users);
        return !role.isEmpty();
    }
}
