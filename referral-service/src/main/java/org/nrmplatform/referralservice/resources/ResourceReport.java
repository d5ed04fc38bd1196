package org.nrmplatform.referralservice.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nrmplatform.referralservice.providers.Provider;
import org.nrmplatform.referralservice.standards.ProviderStanding;
import org.nrmplatform.referralservice.standards.ProviderStandings;
import org.nrmplatform.referralservice.views.ReferralQueries.ReferralFigure;

/**
 * The resources of the NRM's providers, per region and service type: capacity recorded (places, staff), load
 * (active referrals), referrals made and those declined for lack of capacity (decline reason NO_CAPACITY); and the
 * public funding recorded per provider. A referral counts in the region where its provider records that service;
 * where it records none, under {@value #UNRECORDED}. Counts only: no case, no person.
 */
public record ResourceReport(List<Row> rows, List<FundingRow> funding) {

    public static final String UNRECORDED = "(region not recorded)";

    public record Row(String region, String serviceType, int providers, int places, int staff, long activeReferrals,
                      long referralsMade, long declinedForCapacity) {
    }

    public record FundingRow(String providerOrganisationId, String providerName, BigDecimal amount, String currency,
                             String periodFrom, String periodTo, String funder) {
    }

    static ResourceReport of(List<Provider> providers, Map<String, ProviderStandings.Standing> standings,
                             List<ReferralFigure> figures) {
        Map<List<String>, long[]> cells = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)));
        for (ProviderStandings.Standing standing : standings.values()) {
            for (ProviderStanding.Service service : standing.recorded().services()) {
                long[] cell = cells.computeIfAbsent(List.of(service.region(), service.serviceType()), k -> new long[6]);
                cell[0]++;
                cell[1] += service.places();
                cell[2] += service.staff();
            }
        }
        for (ReferralFigure figure : figures) {
            String region = Optional.ofNullable(standings.get(figure.providerOrganisationId()))
                    .flatMap(s -> s.recorded().services().stream()
                            .filter(service -> service.serviceType().equals(figure.serviceType())).findFirst())
                    .map(ProviderStanding.Service::region).orElse(UNRECORDED);
            long[] cell = cells.computeIfAbsent(List.of(region, figure.serviceType()), k -> new long[6]);
            cell[3] += figure.active();
            cell[4] += figure.made();
            cell[5] += figure.declinedForCapacity();
        }
        List<Row> rows = cells.entrySet().stream().map(e -> new Row(e.getKey().get(0), e.getKey().get(1),
                (int) e.getValue()[0], (int) e.getValue()[1], (int) e.getValue()[2], e.getValue()[3],
                e.getValue()[4], e.getValue()[5])).toList();
        List<FundingRow> funding = new ArrayList<>();
        for (Provider provider : providers) {
            ProviderStandings.Standing standing = standings.get(provider.id());
            if (standing != null) {
                standing.recorded().funding().stream().sorted(Comparator.comparing(ProviderStanding.Funding::periodFrom))
                        .forEach(f -> funding.add(new FundingRow(provider.id(), provider.name(), f.amount(),
                                f.currency(), f.periodFrom(), f.periodTo(), f.funder())));
            }
        }
        return new ResourceReport(rows, funding);
    }

    /** The capacity rows as CSV (RFC 4180), a header line first. */
    String rowsCsv() {
        StringBuilder csv = new StringBuilder("region,serviceType,providers,places,staff,activeReferrals,"
                + "referralsMade,declinedForCapacity\r\n");
        rows.forEach(row -> csv.append(String.join(",", quoted(row.region()), quoted(row.serviceType()),
                String.valueOf(row.providers()), String.valueOf(row.places()), String.valueOf(row.staff()),
                String.valueOf(row.activeReferrals()), String.valueOf(row.referralsMade()),
                String.valueOf(row.declinedForCapacity()))).append("\r\n"));
        return csv.toString();
    }

    /** The funding rows as CSV, a header line first. */
    String fundingCsv() {
        StringBuilder csv = new StringBuilder("providerOrganisationId,providerName,amount,currency,periodFrom,"
                + "periodTo,funder\r\n");
        funding.forEach(row -> csv.append(String.join(",", row.providerOrganisationId(), quoted(row.providerName()),
                row.amount().toPlainString(), row.currency(), row.periodFrom(), row.periodTo(), quoted(row.funder())))
                .append("\r\n"));
        return csv.toString();
    }

    /** Quoted when it holds a comma, quote or line break; a leading formula character is neutralised for spreadsheets. */
    private static String quoted(String value) {
        String text = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return text.matches(".*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
