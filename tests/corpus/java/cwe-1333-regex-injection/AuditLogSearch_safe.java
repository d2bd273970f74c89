package com.acme.audit;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditLogSearch {

    private final AuditStore store;

    public AuditLogSearch(AuditStore store) {
        this.store = store;
    }

    @GetMapping("/audit/search")
    public List<String> search(@RequestParam("q") String q) {
        // The search text is matched literally, not as a pattern.
        // expect-not: CWE-1333
        Pattern p = Pattern.compile(Pattern.quote(q), Pattern.CASE_INSENSITIVE);
        return store.lastLines(10_000).stream().filter(l -> p.matcher(l).find()).collect(Collectors.toList());
    }

    public interface AuditStore {
        List<String> lastLines(int n);
    }
}
