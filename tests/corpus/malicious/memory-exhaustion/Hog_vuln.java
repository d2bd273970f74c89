import java.util.ArrayList;
import java.util.List;

class Hog {
    void run() {
        List<byte[]> keep = new ArrayList<>();
        // expect: malicious
        while (true) { keep.add(new byte[100_000_000]); }
    }
}
