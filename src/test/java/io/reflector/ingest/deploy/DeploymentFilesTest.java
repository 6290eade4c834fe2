package io.reflector.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import io.reflector.ingest.config.QueueUrlDefaults;

/**
 * docker/ is for users with a Docker engine, which this machine has not: so its files are checked against the code
 * here. The app's environment in compose.yaml must give the "aws" profile every setting it has no default for, and
 * every queue it names must be one ElasticMQ's config defines; the buckets made are the app's.
 */
class DeploymentFilesTest {
    private static final Path DOCKER = Path.of("docker");
    /** Settings the aws profile has no default for: without them the app does not start or refuses requests. */
    private static final List<String> REQUIRED = List.of("DATABASE_URL", "REFLECTOR_API_KEY", "REFLECTOR_OPS_PASSWORD",
            "TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL", "AWS_SQS_ENDPOINT_URL", "AWS_PROCESS_RECORDING_QUEUE_URL");
    private static final Pattern QUEUE_BLOCK = Pattern.compile("(?m)^\\s{2}([a-z0-9-]+)\\s*\\{");

    @Test
    void theComposeAppHasEverySettingTheAwsProfileNeedsAndOnlyQueuesElasticMqDefines() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> app = section(section(compose, "services"), "app");
        Map<String, Object> environment = section(app, "environment");
        Set<String> queues = elasticMqQueues();

        assertThat(environment).containsKeys(REQUIRED.toArray(String[]::new));
        assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE")))
                .as("the Dockerfile sets the profile").isIn("null", "aws");
        Set<String> queueUrls = new LinkedHashSet<>();
        environment.forEach((name, value) -> {
            if (name.endsWith("_QUEUE_URL") || name.endsWith("_DLQ_URL")) {
                queueUrls.add(String.valueOf(value));
            }
        });
        assertThat(queueUrls).hasSize(4);
        for (String url : queueUrls) {
            assertThat(url).startsWith("http://elasticmq:9324/000000000000/");
            assertThat(queues).as("queue of %s", url).contains(url.substring(url.lastIndexOf('/') + 1));
        }
        assertThat(queues).as("where a Reflector env file finds the Daily events queue").contains("reflector-daily-events");
    }

    @Test
    void theBucketsComposeMakesAreTheAppsDefaults() throws IOException {
        Map<String, Object> app = yaml(Path.of("config", "application.yaml"));
        Map<String, Object> storage = section(section(app, "reflector"), "storage");
        String buckets = String.valueOf(section(section(yaml(DOCKER.resolve("compose.yaml")), "services"), "buckets")
                .get("entrypoint"));
        for (String key : List.of("transcript-bucket", "whereby-bucket", "daily-bucket")) {
            String placeholder = String.valueOf(storage.get(key));
            String bucket = placeholder.substring(placeholder.indexOf(':') + 1, placeholder.length() - 1);
            assertThat(buckets).as(key).contains("local/" + bucket);
        }
    }

    @Test
    void theDockerImageUsesTheDistributionsFfmpegAndAProbe() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

        assertThat(dockerfile).containsPattern("apt-get install[^\\n]* ffmpeg");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("/actuator/health/liveness");
    }

    /** Reflector's env file has no Daily events queue: it is the recordings queue's sibling. */
    @Test
    void reflectorsEnvFileGetsTheDailyEventsQueueBesideItsRecordingsQueue() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "REFLECTOR_QUEUES_RECORDINGS_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/reflector-recordings")));

        new QueueUrlDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("reflector.queues.daily-events-url"))
                .isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/reflector-daily-events");
    }

    @Test
    void aDailyEventsQueueThatIsSetIsKept() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "REFLECTOR_QUEUES_RECORDINGS_URL", "http://q/1/rec", "REFLECTOR_QUEUES_DAILY_EVENTS_URL", "http://q/1/mine")));

        new QueueUrlDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("reflector.queues.daily-events-url")).isEqualTo("http://q/1/mine");
    }

    private static Set<String> elasticMqQueues() throws IOException {
        String conf = Files.readString(DOCKER.resolve("elasticmq.conf"));
        String queuesBlock = conf.substring(conf.indexOf("queues {"));
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = QUEUE_BLOCK.matcher(queuesBlock);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> map, String key) {
        assertThat(map).containsKey(key);
        return (Map<String, Object>) map.get(key);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }
}
