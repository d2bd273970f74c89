package com.acme.marketing;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Marketing users write the e-mail body; it is shown inside our fixed layout as data. */
@RestController
public class EmailTemplatePreview {

    private final Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);

    @PostMapping("/marketing/templates/preview")
    public String preview(@RequestBody String body) throws IOException, TemplateException {
        // expect-not: CWE-1336
        Template t = cfg.getTemplate("email-layout.ftlh");
        StringWriter out = new StringWriter();
        t.process(Map.of("firstName", "Ada", "body", body), out);
        return out.toString();
    }
}
