package com.acme.pricing.web;

import java.math.BigDecimal;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets merchants try out a discount formula before saving it. */
@RestController
public class DiscountRuleController {

    private final ExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/merchant/discounts/try")
    public BigDecimal tryRule(@RequestParam("formula") String formula, @RequestParam("price") BigDecimal price) {
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariable("price", price);
        // expect: CWE-917
        return parser.parseExpression(formula).getValue(ctx, BigDecimal.class);
    }
}
