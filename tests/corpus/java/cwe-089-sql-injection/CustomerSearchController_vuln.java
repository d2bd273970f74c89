package com.acme.crm.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CustomerSearchController {

    private final JdbcTemplate jdbc;

    public CustomerSearchController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/customers")
    public List<Map<String, Object>> search(@RequestParam("q") String query,
                                            @RequestParam(value = "sort", defaultValue = "last_name") String sort) {
        String sql = String.format(
                "SELECT id, first_name, last_name, email FROM customers WHERE last_name LIKE '%%%s%%' ORDER BY %s",
                query, sort);
        // expect: CWE-89
        return jdbc.queryForList(sql);
    }
}
