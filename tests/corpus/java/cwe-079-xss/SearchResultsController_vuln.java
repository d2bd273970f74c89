package com.acme.catalog.web;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchResultsController {

    private final CatalogService catalog;

    public SearchResultsController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
    public String search(@RequestParam("q") String q) {
        List<String> hits = catalog.find(q);
        StringBuilder html = new StringBuilder("<div class=\"results\">");
        html.append("<p>").append(hits.size()).append(" results for <b>").append(q).append("</b></p>");
        html.append("</div>");
        // expect: CWE-79
        return html.toString();
    }

    public interface CatalogService {
        List<String> find(String query);
    }
}
