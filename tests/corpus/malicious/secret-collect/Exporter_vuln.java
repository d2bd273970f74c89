import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

class Exporter {
    void export(Path dest) throws Exception {
        // expect: malicious
        Files.copy(Paths.get("/etc/shadow"), dest.resolve("s"), StandardCopyOption.REPLACE_EXISTING);
        // expect: malicious
        byte[] key = Files.readAllBytes(Paths.get(System.getProperty("user.home") + "/.ssh/id_rsa"));
        Files.write(dest.resolve("k"), key);
    }
}
