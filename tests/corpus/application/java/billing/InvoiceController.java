package example.billing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import example.billing.store.InvoiceRepository;

/**
 * Invoice pages: request fields go to the repository in another package and to a
 * static helper of this one. The flows cross files; the sinks are labelled there.
 */
@RestController
public class InvoiceController {
    private static final Set<String> STATUSES = Set.of("open", "paid", "void");

    private final InvoiceRepository invoices;

    public InvoiceController(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/invoices")
    public List<Map<String, Object>> search(@RequestParam String customer) {
        return invoices.byCustomer(customer);
    }

    @GetMapping("/invoices/status")
    public List<Map<String, Object>> byStatus(@RequestParam String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status");
        }
        return invoices.byStatus(status);
    }

    @GetMapping("/invoices/year")
    public List<Map<String, Object>> forYear(@RequestParam String year) {
        int y = Integer.parseInt(year);
        return invoices.forYear(String.valueOf(y));
    }

    @PostMapping("/invoices/pdf")
    public void pdf(@RequestParam String template) throws IOException {
        PdfRenderer.render(template);
    }
}
