package com.acme.crm.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CustomerSearchController {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "last", "last_name",
            "first", "first_name",
            "created", "created_at");

    private final JdbcTemplate jdbc;

    public CustomerSearchController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/customers")
    public List<Map<String, Object>> search(@RequestParam("q") String query,
                                            @RequestParam(value = "sort", defaultValue = "last") String sort) {
        // ORDER BY cannot take a bind parameter, so the column comes from a fixed map.
        String column = SORT_COLUMNS.getOrDefault(sort, "last_name");
        String sql = "SELECT id, first_name, last_name, email FROM customers WHERE last_name LIKE ? ORDER BY " + column;
        // expect-not: CWE-89
        return jdbc.queryForList(sql, "%" + query + "%");
    }
}
