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

    public record ProfileUpdate(String displayName, String timeZone) {}

    /** The body has only the editable fields; they are copied one by one. */
    @PutMapping("/users/{id}/profile")
    public UserView update(@PathVariable long id, @RequestBody ProfileUpdate changes) {
        User stored = users.findById(id);
        stored.setDisplayName(changes.displayName());
        stored.setTimeZone(changes.timeZone());
        users.save(stored);
        UserView view = new UserView();
        // Entity to response DTO: nothing from the request is copied here.
        // expect-not: CWE-915
        BeanUtils.copyProperties(stored, view);
        return view;
    }

    public interface UserRepository {
        User findById(long id);
        User save(User u);
    }

    public static class User {
        private String displayName;
        private String timeZone;
        void setDisplayName(String v) { displayName = v; }
        void setTimeZone(String v) { timeZone = v; }
    }

    public static class UserView {
        public String displayName;
        public String timeZone;
    }
}
