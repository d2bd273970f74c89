package com.acme.rules;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Tenants upload alerting rules as YAML; only plain maps, lists and scalars are built. */
@RestController
public class YamlRuleLoader {

    @PostMapping(value = "/rules", consumes = "application/yaml")
    public String upload(@RequestBody String yamlText) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        // expect-not: CWE-502
        Object rules = yaml.load(yamlText);
        return "loaded " + ((Map<?, ?>) rules).size() + " rules";
    }
}
