package example.accounts;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class AccountController {
    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    public AccountController(AccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    @GetMapping("/accounts")
    public List<Account> list(@RequestParam int page) {
        Page<Account> result = accounts.findAll(PageRequest.of(page, 20));
        // expect-not: CWE-918
        return result.getContent();
    }

    @PostMapping("/login")
    public boolean login(@RequestParam String name, @RequestParam String password) {
        Account account = accounts.findByName(name);
        // expect-not: CWE-1333
        return account != null && passwordEncoder.matches(password, account.hash());
    }
}
