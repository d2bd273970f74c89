package com.acme.desktop.prefs;

import java.beans.XMLDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Receives preference bundles from the sync peer over a plain socket. */
public class LegacyPrefsImporter {

    public Preferences receive(Socket peer) throws IOException {
        InputStream in = peer.getInputStream();
        try (XMLDecoder decoder = new XMLDecoder(in)) {
            // expect: CWE-502
            return (Preferences) decoder.readObject();
        }
    }

    public static class Preferences {
        private String theme;
        private int fontSize;
        public String getTheme() { return theme; }
        public void setTheme(String theme) { this.theme = theme; }
        public int getFontSize() { return fontSize; }
        public void setFontSize(int fontSize) { this.fontSize = fontSize; }
    }
}
