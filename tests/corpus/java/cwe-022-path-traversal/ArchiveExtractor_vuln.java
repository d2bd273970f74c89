package com.acme.importer;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks an uploaded theme bundle into the themes directory. */
public class ArchiveExtractor {

    private final File destination;

    public ArchiveExtractor(File destination) {
        this.destination = destination;
    }

    public void extract(InputStream upload) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(upload)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                File out = new File(destination, entry.getName());
                if (entry.isDirectory()) {
                    out.mkdirs();
                    continue;
                }
                out.getParentFile().mkdirs();
                // expect: CWE-22
                try (OutputStream os = new FileOutputStream(out)) {
                    zip.transferTo(os);
                }
            }
        }
    }
}
