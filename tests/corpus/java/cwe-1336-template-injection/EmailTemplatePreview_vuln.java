package com.acme.marketing;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Marketing users paste an e-mail template and see it rendered with sample data. */
@RestController
public class EmailTemplatePreview {

    private final Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);

    @PostMapping("/marketing/templates/preview")
    public String preview(@RequestBody String source) throws IOException, TemplateException {
        // expect: CWE-1336
        Template t = new Template("preview", new StringReader(source), cfg);
        StringWriter out = new StringWriter();
        t.process(Map.of("firstName", "Ada", "plan", "Pro"), out);
        return out.toString();
    }
}
