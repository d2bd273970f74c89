package com.acme.crm.web;

import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ExportController {

    private final CustomerExporter exporter;
    private final RoleService roles;

    public ExportController(CustomerExporter exporter, RoleService roles) {
        this.exporter = exporter;
        this.roles = roles;
    }

    @GetMapping("/api/customers/export/summary")
    public ResponseEntity<String> summary(Principal principal) {
        if (!roles.hasRole(principal.getName(), "SALES_MANAGER")) {
            return ResponseEntity.status(403).build();
        }
        return ResponseEntity.ok(exporter.summaryCsv());
    }

    /** Added later for the data-warehouse sync; copies the whole table, including e-mail and phone. */
    @GetMapping("/api/customers/export/full")
    // expect: CWE-862
    public ResponseEntity<String> full(Principal principal) {
        return ResponseEntity.ok(exporter.fullCsv());
    }

    public interface CustomerExporter {
        String summaryCsv();
        String fullCsv();
    }

    public interface RoleService {
        boolean hasRole(String user, String role);
    }
}
