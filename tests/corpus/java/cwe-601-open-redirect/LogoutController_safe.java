package com.acme.auth.web;

import javax.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.view.RedirectView;

@Controller
public class LogoutController {

    @GetMapping("/logout")
    public RedirectView logout(HttpServletRequest request) {
        request.getSession().invalidate();
        String after = request.getParameter("after");
        // The parameter only chooses between two fixed pages.
        String target = "survey".equals(after) ? "/goodbye/survey" : "/";
        // expect-not: CWE-601
        return new RedirectView(target, true);
    }
}
