package com.acme.news.feeds;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/** Pulls partner RSS feeds configured by tenants. */
public class FeedParser {

    public List<String> titles(String feedUrl) throws Exception {
        List<String> titles = new ArrayList<>();
        SAXParserFactory factory = SAXParserFactory.newInstance();
        SAXParser parser = factory.newSAXParser();
        try (InputStream in = new URL(feedUrl).openStream()) {
            // expect: CWE-611
            parser.parse(in, new DefaultHandler() {
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
        }
        return titles;
    }
}
