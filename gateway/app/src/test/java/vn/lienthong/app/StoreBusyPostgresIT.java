package vn.lienthong.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A submission that waits longer than {@code lienthong.ingress.store-wait} for a store writer
 * (here: the only writer is stuck behind a table lock another session holds) is answered 503
 * {@code GATEWAY_BUSY} with a {@code Retry-After}, nothing of it is stored, and sent again
 * once the database is free it is accepted.
 */
class StoreBusyPostgresIT {

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.startOnPostgres(TestGateway.newDataDir(), URI.create("http://localhost:9/unused"),
                "--lienthong.ingress.concurrent-stores=1", "--lienthong.ingress.store-wait=1s");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Holds the envelope table, submits two / result: the first waits and is accepted, the second is answered busy and stores nothing. */
    @Test
    void aSubmissionNoWriterTakesInTimeIsAnsweredBusyWithNothingStored() throws Exception {
        TestEnvelopes.Builder first = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        TestEnvelopes.Builder second = TestEnvelopes.handoff().to(TestGateway.FINANCE);
        byte[] firstSigned = gateway.sign(TestGateway.DESK, first.xml());
        byte[] secondSigned = gateway.sign(TestGateway.DESK, second.xml());
        CompletableFuture<HttpResponse<String>> firstAnswer;
        try (Connection holder = TestPostgres.connect(gateway.databaseUrl())) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                // Reads go on (the duplicate check), inserts wait: the writer stalls inside its transaction.
                statement.execute("LOCK TABLE envelope IN EXCLUSIVE MODE");
            }
            firstAnswer = CompletableFuture.supplyAsync(() -> TestHttp.submit(gateway, TestGateway.DESK, firstSigned));
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.jdbc()
                    .sql("SELECT COUNT(*) FROM pg_locks WHERE NOT granted").query(Long.class).single() > 0);

            HttpResponse<String> busy = TestHttp.submit(gateway, TestGateway.DESK, secondSigned);

            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = TestHttp.JSON.readTree(busy.body());
            TestHttp.assertCode(problem, "GATEWAY_BUSY");
            assertThat(firstAnswer).isNotDone();
            holder.rollback();
        }

        assertThat(firstAnswer.get().statusCode()).as(firstAnswer.get().body()).isEqualTo(202);
        for (String table : new String[] {"envelope WHERE id", "delivery WHERE envelope_id", "outbox WHERE envelope_id",
                "handoff WHERE envelope_id"}) {
            assertThat(gateway.jdbc().sql("SELECT COUNT(*) FROM " + table + " = ?").param(second.id())
                    .query(Long.class).single()).as(table).isZero();
        }
        HttpResponse<String> again = TestHttp.submit(gateway, TestGateway.DESK, secondSigned);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    }
}
