package dev.cbagent.verify;

import dev.cbagent.api.ApiClient;
import dev.cbagent.api.Query;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BatchQueriesTest {
    private static final int BASE = "https://cb.example.ru:9877".length();
    private static final PollSettings SETTINGS = new PollSettings(Duration.ZERO, Duration.ZERO, 200, 1200);

    private static int budget() {
        return SETTINGS.maxUrlLength() - BASE - ApiClient.RESOURCES.length() - 1 - BatchQueries.CURSOR_ALLOWANCE;
    }

    @Test
    void every_query_fits_the_url_budget_and_none_could_have_taken_the_next_host() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            hosts.add(i % 3 == 0 ? "Web-" + i + ".Example.RU" : i % 3 == 1 ? "db-" + i : "имя,(" + i + ")");
        }
        List<Query> queries = BatchQueries.plan(hosts, BASE, SETTINGS);
        assertTrue(queries.size() > 1, "the hosts should need several queries at this budget");
        int next = 0;
        for (Query query : queries) {
            String text = query.encode();
            assertTrue(text.length() <= budget(), text.length() + " > " + budget());
            List<String> taken = new ArrayList<>();
            while (next < hosts.size() && HostNames.queryVariants(hosts.get(next)).stream()
                    .allMatch(v -> query.toString().contains(v) || text.contains(dev.cbagent.api.UrlText.encode(v)))) {
                taken.add(hosts.get(next++));
            }
            assertTrue(!taken.isEmpty(), "a query took no host");
            if (next < hosts.size()) {
                List<String> more = new ArrayList<>(taken);
                more.add(hosts.get(next));
                assertTrue(BatchQueries.plan(more, BASE, SETTINGS).size() > 1,
                        "the next host would have fitted into the query before it");
            }
        }
        assertEquals(hosts.size(), next, "every host is in a query, in order");
    }
}
