package com.acme.news.feeds;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/** Parses the feed snapshot bundled with the application for offline mode. */
public class FeedParser {

    public List<String> titles(InputStream bundledFeed) throws Exception {
        List<String> titles = new ArrayList<>();
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        SAXParser parser = factory.newSAXParser();
        // expect-not: CWE-611
        parser.parse(bundledFeed, new DefaultHandler() {
            private boolean inTitle;
            private final StringBuilder text = new StringBuilder();

            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                inTitle = "title".equals(qName);
                text.setLength(0);
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (inTitle) {
                    text.append(ch, start, length);
                }
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                if ("title".equals(qName)) {
                    titles.add(text.toString().trim());
                    inTitle = false;
                }
            }
        });
        return titles;
    }
}
