package com.acme.admin.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/users")
public class AdminUserController {

    private final UserService users;

    public AdminUserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    public List<String> list() {
        return users.allUsernames();
    }

    @PostMapping("/{id}/lock")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<Void> lock(@PathVariable long id) {
        users.lock(id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    // expect: CWE-862
    public ResponseEntity<Void> delete(@PathVariable long id) {
        users.delete(id);
        return ResponseEntity.noContent().build();
    }

    public interface UserService {
        List<String> allUsernames();
        void lock(long id);
        void delete(long id);
    }
}
