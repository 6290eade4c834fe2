package io.reflector.ingest.embedded;

import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;

/** Prints, once the application is ready, everything a developer needs to talk to the embedded default. */
@Component
class EmbeddedServicesBanner {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServicesBanner.class);

    private final ObjectProvider<EmbeddedServices> services;
    private final ReflectorProperties properties;

    EmbeddedServicesBanner(ObjectProvider<EmbeddedServices> services, ReflectorProperties properties) {
        this.services = services;
        this.properties = properties;
    }

    @EventListener
    void printOnReady(ApplicationReadyEvent event) {
        EmbeddedServices embedded = services.getIfAvailable();
        if (embedded == null || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String app = "http://" + event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1")
                + ":" + web.getWebServer().getPort();
        var storage = properties.storage();
        StringJoiner queues = new StringJoiner("\n                 ");
        embedded.queueUrls().values().forEach(url -> queues.add(url + "   (dead letters: " + url + "-dlq)"));
        log.info("""

                ======================= reflector-ingest: embedded default =======================
                App              {}   health {}/actuator/health
                Hawtio           {}/actuator/hawtio   (ops login: {} / {})
                API key          Authorization: Bearer {}
                Webhook secrets  Daily (Base64) {}   Whereby {}
                PostgreSQL       {}   user {}   (psql -h {} -p {} -U {})
                S3               {}   buckets: {}
                SQS              {}
                 queues          {}
                AWS credentials  AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY={} AWS_DEFAULT_REGION={}
                AWS CLI          aws --endpoint-url {} s3 ls s3://{}
                                 aws --endpoint-url {} sqs list-queues
                Data directory   {}
                ==================================================================================""",
                app, app, app, properties.ops().username(), properties.ops().password(), properties.apiKey(),
                properties.daily().webhookSecret(), properties.whereby().webhookSecret(),
                embedded.postgresJdbcUrl(), embedded.postgresUser(), embedded.s3Endpoint().getHost(),
                embedded.postgresPort(), embedded.postgresUser(),
                embedded.s3Endpoint(), String.join(", ", embedded.buckets()),
                embedded.sqsEndpoint(), queues,
                storage.accessKeyId(), storage.secretAccessKey(), storage.region(),
                embedded.s3Endpoint(), storage.transcriptBucket(), embedded.sqsEndpoint(),
                embedded.dataDir());
    }
}
