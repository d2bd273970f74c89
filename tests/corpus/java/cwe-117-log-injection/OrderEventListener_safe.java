package com.acme.orders.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventListener.class);

    @PostMapping("/hooks/order-events")
    public void onEvent(@RequestHeader("X-Source-System") String source, @RequestBody String payload) {
        // Only the length and a constant are logged; the raw payload never reaches the log.
        // expect-not: CWE-117
        LOG.info("order event received ({} bytes)", payload.length());
    }
}
