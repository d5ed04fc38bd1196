package org.nrmplatform.web.home;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shows of the person signed in (their roles, for the navigation), and what a page shows when
 * the API refused a read (its status and message) or the sign-in can no longer be renewed (sign in again).
 */
@ControllerAdvice
class PageModel {

    @ModelAttribute("roles")
    List<String> roles(Authentication person) {
        if (person == null || !(person.getPrincipal() instanceof OAuth2User)) {
            return List.of();
        }
        return person.getAuthorities().stream().map(authority -> authority.getAuthority())
                .filter(name -> name.startsWith("ROLE_")).map(name -> name.substring("ROLE_".length())).toList();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getServletPath();
    }

    /** A read the API refused (a case out of the person's scope is a 404, the service down a 503). */
    @ExceptionHandler(RefusedAction.class)
    ModelAndView refused(RefusedAction refused) {
        ModelAndView page = new ModelAndView("refused", Map.of("refused", refused));
        page.setStatus(HttpStatus.valueOf(refused.status()));
        return page;
    }

    /** The refresh token was refused (identity-service restarted, or the sign-in outlived its length). */
    @ExceptionHandler(ClientAuthorizationException.class)
    String signInAgain(HttpSession session) {
        session.invalidate();
        return "redirect:/";
    }
}
