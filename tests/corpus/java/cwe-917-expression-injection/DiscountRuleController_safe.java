package com.acme.pricing.web;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets merchants try out one of the predefined discount rules with their own numbers. */
@RestController
public class DiscountRuleController {

    private static final Map<String, String> RULES = Map.of(
            "percent", "#price * (1 - #rate)",
            "fixed", "#price - #rate");

    private final ExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/merchant/discounts/try")
    public BigDecimal tryRule(@RequestParam("rule") String rule, @RequestParam("price") BigDecimal price,
                              @RequestParam("rate") BigDecimal rate) {
        if (!RULES.containsKey(rule)) {
            throw new IllegalArgumentException("unknown rule");
        }
        SimpleEvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        ctx.setVariable("price", price);
        ctx.setVariable("rate", rate);
        // The expression text is one of ours; user values are variables, never parsed.
        // expect-not: CWE-917
        Expression e = parser.parseExpression("percent".equals(rule) ? "#price * (1 - #rate)" : "#price - #rate");
        return e.getValue(ctx, BigDecimal.class);
    }
}
