package com.acme.shop.coupons;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CouponService {

    private static final Logger LOG = LogManager.getLogger(CouponService.class);

    private final CouponStore store;

    public CouponService(CouponStore store) {
        this.store = store;
    }

    @PostMapping("/checkout/coupon")
    public boolean apply(@RequestParam("code") String code) {
        if (!code.matches("[A-Z0-9]{6,12}")) {
            // expect-not: CWE-117
            LOG.warn("rejected malformed coupon code ({} chars)", code.length());
            return false;
        }
        if (!store.exists(code)) {
            // code matched [A-Z0-9]{6,12} above, so it cannot contain line breaks.
            // expect-not: CWE-117
            LOG.warn("rejected coupon code {}", code);
            return false;
        }
        return true;
    }

    public interface CouponStore {
        boolean exists(String code);
    }
}
