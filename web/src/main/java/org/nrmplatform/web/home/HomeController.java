package org.nrmplatform.web.home;

import org.nrmplatform.web.signin.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a person lands after signing in: the main page of their role; a role without pages yet is told so. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Authentication person) {
        if (has(person, Roles.FIRST_LINE)) {
            return "redirect:/screening";
        }
        if (has(person, Roles.CASE_MANAGER)) {
            return "redirect:/worklist";
        }
        if (has(person, Roles.IDENTIFICATION_AUTHORITY)) {
            return "redirect:/identification";
        }
        if (has(person, Roles.SERVICE_PROVIDER)) {
            return "redirect:/inbox";
        }
        if (has(person, Roles.PROSECUTOR)) {
            return "redirect:/prosecution";
        }
        if (has(person, Roles.MONITOR)) {
            return "redirect:/statistics";
        }
        if (has(person, Roles.OPERATOR)) {
            return "redirect:/projections";
        }
        if (has(person, Roles.ADMINISTRATOR)) {
            return "redirect:/administration";
        }
        if (has(person, Roles.APPROVER)) {
            return "redirect:/approvals";
        }
        return "home";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    private static boolean has(Authentication person, String role) {
        return person.getAuthorities().stream().anyMatch(authority -> authority.getAuthority().equals("ROLE_" + role));
    }
}
