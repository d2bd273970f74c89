package com.acme.docs.convert;

import java.io.IOException;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

/** Runs one of a fixed set of conversion filters over an uploaded document. */
public class ConverterWorker {

    public int convert(HttpServletRequest request, String inputPath) throws IOException, InterruptedException {
        String target;
        switch (String.valueOf(request.getParameter("filter"))) {
            case "pdf":
                target = "pdf";
                break;
            case "docx":
                target = "docx:\"MS Word 2007 XML\"";
                break;
            default:
                target = "odt";
        }
        List<String> argv = List.of("soffice", "--headless", "--convert-to", target, "--", inputPath);
        // expect-not: CWE-78
        Process p = new ProcessBuilder(argv).start();
        return p.waitFor();
    }
}
