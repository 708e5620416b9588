package vn.lienthong.client.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python script of docs/EVIDENCE.md §9, run as printed against bundles this fixture
 * builds: the format can be checked without Java, and the document says how. Skipped, saying
 * so, where {@code python3} is not installed.
 */
class EvidenceDocSnippetTest {

    private static final Path DOCUMENT = Path.of("../docs/EVIDENCE.md");

    @TempDir
    Path folder;

    @BeforeAll
    static void python3IsInstalled() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            Assumptions.assumeTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                    "python3 did not run; the script of docs/EVIDENCE.md is not checked");
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed; the script of docs/EVIDENCE.md is not checked");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted");
        }
    }

    @Test
    void scriptAcceptsAValidBundle() throws Exception {
        Run run = python(EvidenceBundleFixture.valid().write(folder));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("6 entries chained; head ");
    }

    @Test
    void scriptRejectsAChangedEntry() throws Exception {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.lines.set(1, bundle.lines.get(1).replace("\"by\":\"", "\"by\":\"9"));

        Run run = python(bundle.write(folder));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("AssertionError: entry 3 does not link to entry 2");
    }

    @Test
    void scriptRejectsAChangedEnvelope() throws Exception {
        EvidenceBundleFixture bundle = EvidenceBundleFixture.valid();
        bundle.files.put(bundle.envelopeName(5), "<changed/>".getBytes(StandardCharsets.UTF_8));

        Run run = python(bundle.write(folder));

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("AssertionError: envelopes/5-tax-answer-0003.xml changed");
    }

    private record Run(int exitCode, String output) {
    }

    private Run python(Path bundle) throws IOException, InterruptedException {
        String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int start = document.indexOf("```python\n") + "```python\n".length();
        String script = document.substring(start, document.indexOf("```", start));
        Path file = Files.writeString(folder.resolve("chain.py"), script);
        Process process = new ProcessBuilder("python3", file.toString(), bundle.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
