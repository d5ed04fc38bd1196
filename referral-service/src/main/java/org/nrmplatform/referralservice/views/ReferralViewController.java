package org.nrmplatform.referralservice.views;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.nrmplatform.contracts.referrals.ReferralStatus;
import org.nrmplatform.shared.privacy.PersonalDataReads;
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

/**
 * Reads of referrals, asked of the referral views over the query bus (eventually consistent with the writes); see
 * {@link ReferralViews}.
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralViewController {

    private final QueryGateway queries;
    private final PersonalDataReads reads;

    ReferralViewController(QueryGateway queries, PersonalDataReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'SERVICE_PROVIDER')")
    ReferralViews.Page list(@RequestParam(required = false) UUID caseId,
                            @RequestParam(required = false) ReferralStatus status,
                            @RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                            @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        ReferralViews.Page answer = queries.query(new ReferralQueries.ListReferrals(actor, caseId, status, page, size),
                ReferralViews.Page.class).join();
        reads.record(answer.items().stream().map(ReferralViewController::caseOf).toList(), "referral-list", actor);
        return answer;
    }

    @GetMapping("/overdue")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER')")
    List<ReferralView> overdue(@AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        List<ReferralView> answer = queries.query(new ReferralQueries.OverdueReferrals(actor),
                ResponseTypes.multipleInstancesOf(ReferralView.class)).join();
        reads.record(answer.stream().map(ReferralViewController::caseOf).toList(), "overdue-referrals", actor);
        return answer;
    }

    @GetMapping("/{referralId}")
    @PreAuthorize("hasAnyRole('FIRST_LINE', 'CASE_MANAGER', 'SERVICE_PROVIDER')")
    Object get(@PathVariable UUID referralId, @AuthenticationPrincipal Jwt token) {
        Actor actor = Actor.from(token);
        Object answer = queries.query(new ReferralQueries.FindReferral(referralId, actor),
                        ResponseTypes.optionalInstanceOf(Object.class)).join()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No referral " + referralId));
        reads.record(caseOf(answer), "referral", actor);
        return answer;
    }

    /** The case whose data subject a referral's free texts are about: its read log records the read. */
    private static UUID caseOf(Object view) {
        return UUID.fromString(view instanceof ReferralView whole ? whole.caseId()
                : ((ReferralView.ForProvider) view).caseId());
    }
}
