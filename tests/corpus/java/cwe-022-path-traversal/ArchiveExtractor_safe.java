package com.acme.importer;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks an uploaded theme bundle into the themes directory, refusing entries that escape it. */
public class ArchiveExtractor {

    private final File destination;

    public ArchiveExtractor(File destination) {
        this.destination = destination;
    }

    public void extract(InputStream upload) throws IOException {
        String root = destination.getCanonicalPath() + File.separator;
        try (ZipInputStream zip = new ZipInputStream(upload)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                File out = new File(destination, entry.getName());
                if (!out.getCanonicalPath().startsWith(root)) {
                    throw new IOException("entry outside target dir: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    out.mkdirs();
                    continue;
                }
                out.getParentFile().mkdirs();
                // expect-not: CWE-22
                try (OutputStream os = new FileOutputStream(out)) {
                    zip.transferTo(os);
                }
            }
        }
    }
}
