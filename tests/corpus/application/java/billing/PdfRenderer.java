package example.billing;

import java.io.IOException;

/** Renders an invoice template; it trusts its caller. */
final class PdfRenderer {
    private PdfRenderer() {
    }

    static void render(String template) throws IOException {
        // expect: CWE-78
        new ProcessBuilder("/bin/sh", "-c", "wkhtmltopdf /templates/" + template + " /tmp/out.pdf").start();
    }
}
