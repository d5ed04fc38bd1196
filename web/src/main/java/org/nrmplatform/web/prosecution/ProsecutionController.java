package org.nrmplatform.web.prosecution;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.nrmplatform.web.platform.PlatformApi;
import org.nrmplatform.web.platform.RefusedAction;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The prosecutor's work: a case found by its reference (a prosecutor has no case list: docs/need-to-know.md), the
 * legal basis its office records for the case, and the court export, whose making the page follows (htmx polling
 * of its progress: the platform's work, the PDF arriving, its verification), then the PDF and its JSON to
 * download and what verifying them found, in words.
 */
@Controller
@RequestMapping("/prosecution")
class ProsecutionController {

    private final PlatformApi api;
    private final CourtExports exports;
    private final MessageSource messages;

    ProsecutionController(PlatformApi api, CourtExports exports, MessageSource messages) {
        this.api = api;
        this.exports = exports;
        this.messages = messages;
    }

    @GetMapping
    String find() {
        return "prosecution/find";
    }

    @GetMapping("/cases")
    String findCase(@RequestParam(defaultValue = "") String caseId, Model model, Locale locale) {
        try {
            return "redirect:/prosecution/cases/" + UUID.fromString(caseId.strip());
        } catch (IllegalArgumentException notAnId) {
            model.addAttribute("refused", RefusedAction.invalid("caseId",
                    messages.getMessage("prosecution.caseId.invalid", null, locale)));
            model.addAttribute("caseId", caseId);
            return "prosecution/find";
        }
    }

    @GetMapping("/cases/{caseId}")
    String caseFile(@PathVariable UUID caseId, Authentication person, Model model) {
        show(caseId, person, model);
        return "prosecution/case";
    }

    @PostMapping("/cases/{caseId}/legal-basis")
    String recordLegalBasis(@PathVariable UUID caseId, @RequestParam Map<String, String> form,
                            Authentication person, Model model, RedirectAttributes next) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reference", blankToNull(form.get("reference")));
        request.put("requestedBy", blankToNull(form.get("requestedBy")));
        try {
            next.addFlashAttribute("recorded", api.post("/api/cases/{id}/legal-basis", request, caseId));
            next.addFlashAttribute("done", "prosecution.legalBasis.recorded");
            return "redirect:/prosecution/cases/" + caseId;
        } catch (RefusedAction refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("basisForm", form);
            show(caseId, person, model);
            return "prosecution/case";
        }
    }

    @PostMapping("/cases/{caseId}/exports")
    String export(@PathVariable UUID caseId, Authentication person) {
        CourtExport export = exports.start(caseId, person.getName(), api.later());
        return "redirect:/prosecution/exports/" + export.id();
    }

    @GetMapping("/exports/{exportId}")
    String exportPage(@PathVariable UUID exportId, Authentication person, Model model) {
        model.addAttribute("export", owned(exportId, person));
        return "prosecution/export";
    }

    /** The progress alone, which the export's page asks for every second while the export is made. */
    @GetMapping("/exports/{exportId}/progress")
    String progress(@PathVariable UUID exportId, Authentication person, Model model) {
        model.addAttribute("export", owned(exportId, person));
        return "prosecution/export :: progress";
    }

    @GetMapping("/exports/{exportId}/export.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID exportId, Authentication person) {
        CourtExport export = ready(exportId, person);
        return file(export.pdf(), MediaType.APPLICATION_PDF, "case-" + export.caseId() + "-export.pdf");
    }

    @GetMapping("/exports/{exportId}/export.json")
    ResponseEntity<byte[]> json(@PathVariable UUID exportId, Authentication person) {
        CourtExport export = ready(exportId, person);
        return file(export.json(), MediaType.APPLICATION_JSON, "case-" + export.caseId() + "-export.json");
    }

    private void show(UUID caseId, Authentication person, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute("exports", exports.of(caseId, person.getName()));
    }

    private CourtExport owned(UUID exportId, Authentication person) {
        return exports.find(exportId, person.getName())
                .orElseThrow(() -> RefusedAction.notFound("No court export " + exportId + " of yours is kept here "
                        + "(they are kept " + CourtExports.KEPT_MINUTES + " minutes): make it again"));
    }

    private CourtExport ready(UUID exportId, Authentication person) {
        CourtExport export = owned(exportId, person);
        if (export.stage() != CourtExport.Stage.READY) {
            throw RefusedAction.notFound("The court export " + exportId + " is not ready");
        }
        return export;
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
