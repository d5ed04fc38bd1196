package org.nrmplatform.referralservice.views;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.shared.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads of referrals from the referral views (eventually consistent with the writes); see {@link ReferralViews}. */
@RestController
@RequestMapping("/api/referrals")
class ReferralViewController {

    private final ReferralViews views;

    ReferralViewController(ReferralViews views) {
        this.views = views;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'SERVICE_PROVIDER')")
    ReferralViews.Page list(@RequestParam(required = false) UUID caseId,
                            @RequestParam(required = false) ReferralStatus status,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                            @AuthenticationPrincipal Jwt token) {
        return views.list(Actor.from(token), caseId, status, page, size);
    }

    @GetMapping("/overdue")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    List<ReferralView> overdue(@AuthenticationPrincipal Jwt token) {
        return views.overdue(Actor.from(token));
    }

    @GetMapping("/{referralId}")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'SERVICE_PROVIDER')")
    Object get(@PathVariable UUID referralId, @AuthenticationPrincipal Jwt token) {
        return views.find(referralId, Actor.from(token))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No referral " + referralId));
    }
}
