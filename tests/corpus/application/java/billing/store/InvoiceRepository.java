package example.billing.store;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Queries for the invoice pages; the controller decides what reaches them. */
@Repository
public class InvoiceRepository {
    private final JdbcTemplate jdbc;

    public InvoiceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> byCustomer(String customer) {
        // expect: CWE-89
        return jdbc.queryForList("SELECT * FROM invoices WHERE customer = '" + customer + "'");
    }

    public List<Map<String, Object>> byStatus(String status) {
        // expect-not: CWE-89
        return jdbc.queryForList("SELECT * FROM invoices WHERE status = '" + status + "'");
    }

    public List<Map<String, Object>> forYear(String year) {
        // expect-not: CWE-89
        return jdbc.queryForList("SELECT * FROM invoices WHERE year = " + year);
    }

    /** No caller passes request data here. */
    public void purge(String table) {
        // expect-not: CWE-89
        jdbc.execute("TRUNCATE " + table);
    }
}
