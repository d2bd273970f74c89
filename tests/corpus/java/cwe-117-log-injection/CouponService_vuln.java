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
        if (!store.exists(code)) {
            // Placeholders keep the message format fixed but do not strip CR/LF from the value.
            // expect: CWE-117
            LOG.warn("rejected coupon code {}", code);
            return false;
        }
        return true;
    }

    public interface CouponStore {
        boolean exists(String code);
    }
}
