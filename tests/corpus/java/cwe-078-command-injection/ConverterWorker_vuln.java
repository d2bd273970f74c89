package com.acme.docs.convert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

/** Runs a user-chosen conversion filter over an uploaded document. */
public class ConverterWorker {

    public int convert(HttpServletRequest request, String inputPath) throws IOException, InterruptedException {
        String filter = request.getParameter("filter");
        List<String> argv = new ArrayList<>();
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add("soffice --headless --convert-to " + filter + " " + inputPath);
        ProcessBuilder pb = new ProcessBuilder(argv);
        // expect: CWE-78
        Process p = pb.start();
        return p.waitFor();
    }
}
