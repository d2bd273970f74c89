package com.acme.legacy.auth;

import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.InputSource;

/** Kiosk login backed by users.xml (legacy deployment); inputs are restricted before use. */
@RestController
public class XmlUserStore {

    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9]{2,15}");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    @PostMapping("/kiosk/login")
    public boolean login(@RequestParam String user, @RequestParam String pin) throws XPathExpressionException {
        if (!USER.matcher(user).matches() || !PIN.matcher(pin).matches()) {
            return false;
        }
        XPath xp = XPathFactory.newInstance().newXPath();
        InputSource users = new InputSource("/etc/kiosk/users.xml");
        // expect-not: CWE-643
        String role = xp.evaluate("//user[name/text()='" + user + "' and pin/text()='" + pin + "']/role", users);
        return !role.isEmpty();
    }
}
