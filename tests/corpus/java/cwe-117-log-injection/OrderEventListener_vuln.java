package com.acme.orders.events;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderEventListener {

    private static final Logger LOG = Logger.getLogger(OrderEventListener.class.getName());

    @PostMapping("/hooks/order-events")
    public void onEvent(@RequestHeader("X-Source-System") String source, @RequestBody String payload) {
        // expect: CWE-117
        LOG.log(Level.INFO, "order event from " + source + ": " + payload);
    }
}
