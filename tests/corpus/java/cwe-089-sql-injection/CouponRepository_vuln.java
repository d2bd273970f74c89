package com.acme.shop.coupons;

import java.util.List;
import javax.persistence.EntityManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CouponRepository {

    private final EntityManager em;

    public CouponRepository(EntityManager em) {
        this.em = em;
    }

    @GetMapping("/coupons/lookup")
    public List<?> lookup(@RequestParam String code) {
        String jpql = "SELECT c FROM Coupon c WHERE c.code = '" + code + "' AND c.active = true";
        // expect: CWE-89
        return em.createQuery(jpql).getResultList();
    }

    @GetMapping("/coupons/native")
    public List<?> nativeLookup(@RequestParam String campaign) {
        // expect: CWE-89
        return em.createNativeQuery("SELECT * FROM coupons WHERE campaign = '" + campaign + "'").getResultList();
    }
}
