package com.acme.web.filters;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Adds a weak ETag to static JSON responses. The digest is a cache key only: a collision
 * costs at most one stale cache hit, so MD5 is fine here.
 */
public class EtagFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(resp);
        chain.doFilter(req, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        String etag = "W/\"" + contentDigest(body) + "\"";
        if (etag.equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        wrapper.setHeader("ETag", etag);
        wrapper.copyBodyToResponse();
    }

    private static String contentDigest(byte[] body) {
        try {
            // expect-not: CWE-328
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
