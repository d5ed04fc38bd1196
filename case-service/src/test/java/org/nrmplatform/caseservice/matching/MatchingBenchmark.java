package org.nrmplatform.caseservice.matching;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.ibm.icu.text.Transliterator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nrmplatform.contracts.cases.CaseStage;
import org.nrmplatform.shared.testing.EmbeddedStore;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How well and how fast the blind index finds the same person, on a generated population of 10,000 case records:
 * 7,000 distinct persons (names drawn from common Serbian and neighbouring names, so many distinct persons share
 * a name or have a similar one, told apart by the date of birth), and 3,000 second records of some of them with
 * variants: Cyrillic script, no diacritics, upper case, a spelling slip, given and family name swapped, the date of
 * birth missing or with a slip in day or month, another citizenship. Every record is indexed as the projection
 * indexes it and stored in the tests' embedded store; then 1,000 of the second records, and 500 persons recorded
 * once, are matched against all 10,000 as the endpoint matches (same query, same score, same threshold). Prints true matches found and
 * missed, false matches, and how long a match takes (p50, p99). Measures, asserts nothing about the figures.
 * Run with {@code mvn -B -o -pl case-service -am -Pbenchmark test -Dtest=MatchingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class MatchingBenchmark {

    private static final int PERSONS = 7_000;
    private static final int SECOND_RECORDS = 3_000;
    /** The second records matched (a sample: a match scans the store, and the machine is shared). */
    private static final int SECOND_RECORDS_MATCHED = 1_000;
    private static final int SINGLES_MATCHED = 500;
    private static final double THRESHOLD = 8.0;

    private static final List<String> WOMEN = List.of("Ana", "Marija", "Jelena", "Milica", "Jovana", "Ivana",
            "Dragana", "Snežana", "Milena", "Tijana", "Katarina", "Nataša", "Aleksandra", "Gordana", "Vesna", "Maja",
            "Sanja", "Jasmina", "Ljiljana", "Nevena", "Teodora", "Đurđa", "Danijela", "Biljana", "Mirjana", "Zorica",
            "Slađana", "Valentina", "Anđela", "Sara", "Elena", "Irina", "Oksana", "Besa", "Arta", "Ioana", "Elira",
            "Tamara", "Kristina", "Nadežda");
    private static final List<String> MEN = List.of("Marko", "Nikola", "Stefan", "Luka", "Milan", "Dragan",
            "Nenad", "Aleksandar", "Dejan", "Goran", "Zoran", "Ivan", "Miloš", "Vladimir", "Đorđe", "Petar", "Uroš",
            "Bojan", "Srđan", "Dušan", "Nemanja", "Predrag", "Saša", "Vuk", "Mihajlo", "Lazar", "Filip", "Andrej",
            "Arben", "Ilir", "Bogdan", "Mihai", "Oleksandr", "Dmytro", "Jovan", "Slobodan", "Željko", "Branislav",
            "Radovan", "Čedomir");
    private static final List<String> FAMILIES = List.of("Petrović", "Petković", "Pavlović", "Jovanović",
            "Janković", "Nikolić", "Marković", "Đorđević", "Stojanović", "Stojković", "Ilić", "Stanković", "Živković",
            "Todorović", "Lazić", "Kostić", "Ristić", "Popović", "Simić", "Milošević", "Milovanović", "Mitrović",
            "Đukić", "Savić", "Obradović", "Vasić", "Tomić", "Kovačević", "Kovačić", "Krstić", "Lukić", "Filipović",
            "Radović", "Radosavljević", "Vuković", "Vučković", "Jović", "Perić", "Pešić", "Šarić", "Čolić", "Ćirić",
            "Milić", "Miletić", "Nedeljković", "Zorić", "Bogdanović", "Božić", "Mladenović", "Aleksić", "Stevanović",
            "Ivanović", "Đurić", "Jakovljević", "Gajić", "Babić", "Blagojević", "Cvetković", "Dimitrijević",
            "Matić", "Nešić", "Rakić", "Stojić", "Vesić", "Hoxha", "Krasniqi", "Berisha", "Gashi", "Popescu",
            "Ionescu", "Georgiev", "Dimitrov", "Ivanov", "Shevchenko", "Kovalenko", "Bondarenko", "Horvat",
            "Kovač", "Begić", "Hodžić");
    private static final List<String> COUNTRIES = List.of("RS", "RS", "RS", "RS", "RS", "RS", "BA", "MK", "AL",
            "BG", "RO", "UA", "ME", "HR");

    /** Serbian Latin to Cyrillic, as a Serbian clerk writes a name (the digraphs first). */
    private static final Map<String, String> TO_CYRILLIC = new LinkedHashMap<>();

    static {
        String[] pairs = {"Lj", "Љ", "lj", "љ", "Nj", "Њ", "nj", "њ", "Dž", "Џ", "dž", "џ", "A", "А", "B", "Б",
                "V", "В", "G", "Г", "D", "Д", "Đ", "Ђ", "E", "Е", "Ž", "Ж", "Z", "З", "I", "И", "J", "Ј", "K", "К",
                "L", "Л", "M", "М", "N", "Н", "O", "О", "P", "П", "R", "Р", "S", "С", "T", "Т", "Ć", "Ћ", "U", "У",
                "F", "Ф", "H", "Х", "C", "Ц", "Č", "Ч", "Š", "Ш", "a", "а", "b", "б", "v", "в", "g", "г", "d", "д",
                "đ", "ђ", "e", "е", "ž", "ж", "z", "з", "i", "и", "j", "ј", "k", "к", "l", "л", "m", "м", "n", "н",
                "o", "о", "p", "п", "r", "р", "s", "с", "t", "т", "ć", "ћ", "u", "у", "f", "ф", "h", "х", "c", "ц",
                "č", "ч", "š", "ш", "q", "к", "x", "кс", "y", "и", "w", "в"};
        for (int i = 0; i < pairs.length; i += 2) {
            TO_CYRILLIC.put(pairs[i], pairs[i + 1]);
        }
    }

    private static final Transliterator NO_DIACRITICS = Transliterator.getInstance("Latin-ASCII");

    record Person(int id, String given, String family, LocalDate born, String sex, List<String> citizenship) {
    }

    private final Random random = new Random(18_6);
    private final BlindIndexKey key = new BlindIndexKey(EmbeddedStore.TEST_MATCHING_KEY);

    @Test
    void matchesAPopulationOfTenThousandWithSpellingAndScriptVariants() {
        List<Person> persons = new ArrayList<>();
        for (int id = 0; id < PERSONS; id++) {
            boolean woman = random.nextInt(10) < 7;
            List<String> citizenship = new ArrayList<>(List.of(pick(COUNTRIES)));
            persons.add(new Person(id, pick(woman ? WOMEN : MEN), pick(FAMILIES),
                    LocalDate.of(1960, 1, 1).plusDays(random.nextInt(48 * 365)), woman ? "Feminine" : "Masculine",
                    citizenship));
        }
        List<Person> records = new ArrayList<>(persons);
        List<Integer> shuffled = new ArrayList<>();
        for (int id = 0; id < PERSONS; id++) {
            shuffled.add(id);
        }
        java.util.Collections.shuffle(shuffled, random);
        Map<String, Integer> variantKinds = new LinkedHashMap<>();
        for (int i = 0; i < SECOND_RECORDS; i++) {
            records.add(variant(persons.get(shuffled.get(i)), variantKinds));
        }

        String uri = EmbeddedStore.uri();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoTemplate mongo = new MongoTemplate(client, "matching_benchmark_" + UUID.randomUUID().toString()
                    .substring(0, 8));
            String collection = IndexedPerson.COLLECTION;
            List<IndexedPerson> entries = new ArrayList<>();
            List<Long> indexing = new ArrayList<>();
            Map<String, Integer> personOf = new java.util.HashMap<>();
            Instant opened = Instant.parse("2026-01-01T00:00:00Z");
            for (Person record : records) {
                long start = System.nanoTime();
                BlindIndex index = BlindIndex.of(key, record.given(), record.family(), record.born(), record.sex(),
                        record.citizenship());
                indexing.add(System.nanoTime() - start);
                String caseId = UUID.randomUUID().toString();
                personOf.put(caseId, record.id());
                entries.add(new IndexedPerson(caseId, index, "org", null, CaseStage.POTENTIAL_VICTIM, opened, null,
                        List.of(), List.of()));
            }
            for (int from = 0; from < entries.size(); from += 1_000) {
                mongo.insert(entries.subList(from, Math.min(entries.size(), from + 1_000)), collection);
            }

            List<IndexedPerson> queried = new ArrayList<>(entries.subList(PERSONS, PERSONS + SECOND_RECORDS_MATCHED));
            Set<Integer> twice = new HashSet<>(shuffled.subList(0, SECOND_RECORDS));
            for (IndexedPerson entry : entries.subList(0, PERSONS)) {
                if (queried.size() == SECOND_RECORDS_MATCHED + SINGLES_MATCHED) {
                    break;
                }
                if (!twice.contains(personOf.get(entry.caseId()))) {
                    queried.add(entry);
                }
            }
            // warm-up: the first queries load classes and fill caches
            for (IndexedPerson entry : queried.subList(0, 50)) {
                PossibleMatches.candidatesOf(entry, mongo, collection, THRESHOLD, Integer.MAX_VALUE);
            }
            int found = 0;
            int missed = 0;
            int falseMatches = 0;
            int queriesWithFalse = 0;
            Map<String, Integer> missedKinds = new LinkedHashMap<>();
            List<Long> matching = new ArrayList<>();
            for (int q = 0; q < queried.size(); q++) {
                IndexedPerson entry = queried.get(q);
                int person = personOf.get(entry.caseId());
                long start = System.nanoTime();
                List<PossibleMatches.Candidate> candidates = PossibleMatches.candidatesOf(entry, mongo, collection,
                        THRESHOLD, Integer.MAX_VALUE);
                matching.add(System.nanoTime() - start);
                int wrong = (int) candidates.stream().filter(c -> personOf.get(c.caseId()) != person).count();
                falseMatches += wrong;
                queriesWithFalse += wrong > 0 ? 1 : 0;
                if (q < SECOND_RECORDS_MATCHED) {
                    if (candidates.stream().anyMatch(c -> personOf.get(c.caseId()) == person)) {
                        found++;
                    } else {
                        missed++;
                        missedKinds.merge(kindOf(persons.get(person), records.get(PERSONS + q)), 1, Integer::sum);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%nBlind index matching, %d records (%d persons, %d of them recorded twice "
                            + "with variants), threshold %.1f, tests' embedded store (in memory, scans)%n",
                    records.size(), PERSONS, SECOND_RECORDS, THRESHOLD);
            System.out.printf(Locale.ROOT, "variants in the second records: %s%n", variantKinds);
            System.out.printf(Locale.ROOT, "true matches found: %d of %d second records matched (%.1f%%), missed: %d "
                    + "%s%n", found, SECOND_RECORDS_MATCHED, 100.0 * found / SECOND_RECORDS_MATCHED, missed, missedKinds);
            System.out.printf(Locale.ROOT, "false matches: %d in %d queries (%d queries with at least one; %d of "
                            + "them persons recorded once)%n", falseMatches, queried.size(), queriesWithFalse,
                    SINGLES_MATCHED);
            System.out.printf(Locale.ROOT, "deriving a person's index: p50 %.2f ms, p99 %.2f ms%n",
                    percentile(indexing, 50), percentile(indexing, 99));
            System.out.printf(Locale.ROOT, "a match (query and score over %d entries): p50 %.1f ms, p99 %.1f ms%n%n",
                    records.size(), percentile(matching, 50), percentile(matching, 99));
        }
    }

    /** A second record of the person: one or two variants, as two agencies would write the same person. */
    private Person variant(Person person, Map<String, Integer> kinds) {
        String given = person.given();
        String family = person.family();
        LocalDate born = person.born();
        List<String> citizenship = person.citizenship();
        List<String> applied = new ArrayList<>();
        int variants = 1 + random.nextInt(2);
        for (int v = 0; v < variants; v++) {
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    given = cyrillic(given);
                    family = cyrillic(family);
                    applied.add("cyrillic");
                }
                case 2 -> {
                    given = NO_DIACRITICS.transliterate(given.replace("đ", "dj").replace("Đ", "Dj"));
                    family = NO_DIACRITICS.transliterate(family.replace("đ", "dj").replace("Đ", "Dj"));
                    applied.add("no-diacritics");
                }
                case 3 -> {
                    given = given.toUpperCase(Locale.ROOT);
                    family = family.toUpperCase(Locale.ROOT);
                    applied.add("upper-case");
                }
                case 4 -> {
                    family = slip(family);
                    applied.add("spelling");
                }
                case 5 -> {
                    String swap = given;
                    given = family;
                    family = swap;
                    applied.add("swapped");
                }
                case 6 -> {
                    born = null;
                    applied.add("no-birth-date");
                }
                case 7 -> {
                    born = born == null ? null : born.withDayOfMonth(1 + (born.getDayOfMonth() % 28));
                    applied.add("birth-day-slip");
                }
                default -> {
                    citizenship = List.of(pick(COUNTRIES));
                    applied.add("citizenship");
                }
            }
        }
        applied.forEach(kind -> kinds.merge(kind, 1, Integer::sum));
        return new Person(person.id(), given, family, born, person.sex(), citizenship);
    }

    /** A spelling variant as a clerk or a foreign police officer writes it. */
    private String slip(String name) {
        return switch (random.nextInt(4)) {
            case 0 -> name.replaceAll("(?i)[ćč]$", "ch").replaceAll("ić$", "ich");
            case 1 -> name.length() > 4 ? name.substring(0, 3) + name.charAt(3) + name.substring(3) : name + "a";
            case 2 -> name.replace("j", "y").replace("v", "w");
            default -> name.length() > 5 ? name.substring(0, 2) + name.substring(3) : name;
        };
    }

    private static String kindOf(Person original, Person second) {
        List<String> kinds = new ArrayList<>();
        if (second.born() == null) {
            kinds.add("no-birth-date");
        } else if (!second.born().equals(original.born())) {
            kinds.add("birth-day-slip");
        }
        if (!second.citizenship().equals(original.citizenship())) {
            kinds.add("citizenship");
        }
        if (second.given().equals(original.family())) {
            kinds.add("swapped");
        }
        return kinds.isEmpty() ? "names" : String.join("+", kinds);
    }

    private static String cyrillic(String latin) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < latin.length()) {
            String two = i + 2 <= latin.length() ? latin.substring(i, i + 2) : null;
            if (two != null && TO_CYRILLIC.containsKey(two)) {
                out.append(TO_CYRILLIC.get(two));
                i += 2;
            } else {
                String one = latin.substring(i, i + 1);
                out.append(TO_CYRILLIC.getOrDefault(one, one));
                i++;
            }
        }
        return out.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static double percentile(List<Long> nanos, int percentile) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
