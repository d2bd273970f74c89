package com.acme.desktop.prefs;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.net.Socket;

/** Receives preference bundles from the sync peer; only the Preferences class may be deserialized. */
public class LegacyPrefsImporter {

    private static final ObjectInputFilter ONLY_PREFS = ObjectInputFilter.Config.createFilter(
            "com.acme.desktop.prefs.LegacyPrefsImporter$Preferences;java.lang.String;maxdepth=3;maxrefs=50;!*");

    public Preferences receive(Socket peer) throws IOException, ClassNotFoundException {
        InputStream in = peer.getInputStream();
        try (ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(ONLY_PREFS);
            // expect-not: CWE-502
            return (Preferences) ois.readObject();
        }
    }

    public static class Preferences implements java.io.Serializable {
        private static final long serialVersionUID = 2L;
        private String theme;
        private int fontSize;
        public String getTheme() { return theme; }
        public int getFontSize() { return fontSize; }
    }
}
