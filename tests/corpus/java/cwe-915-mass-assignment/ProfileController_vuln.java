package com.acme.accounts.web;

import org.springframework.beans.BeanUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {

    private final UserRepository users;

    public ProfileController(UserRepository users) {
        this.users = users;
    }

    /** The form edits display name and time zone; the body is bound to the entity class. */
    @PutMapping("/users/{id}/profile")
    public User update(@PathVariable long id, @RequestBody User changes) {
        User stored = users.findById(id);
        // expect: CWE-915
        BeanUtils.copyProperties(changes, stored, "id");
        return users.save(stored);
    }

    public interface UserRepository {
        User findById(long id);
        User save(User u);
    }

    public static class User {
        private long id;
        private String displayName;
        private String timeZone;
        private String role;
        private boolean emailVerified;
    }
}
