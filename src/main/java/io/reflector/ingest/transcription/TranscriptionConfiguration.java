package io.reflector.ingest.transcription;

import java.time.Duration;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.ThreadPools;
import io.reflector.ingest.store.TranscriptStates;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The beans the transcription routes refer to by name, and the backend chosen by TRANSCRIPT_BACKEND. */
@Configuration(proxyBeanMethods = false)
public class TranscriptionConfiguration {
    static final String TRANSCRIPTION_POOL = "transcriptionPool";

    /** Bounds how many tracks are at the transcription service at once. */
    @Bean
    CamelContextConfiguration transcriptionPoolProfile(ReflectorProperties properties) {
        return ThreadPools.threadPoolProfile(TRANSCRIPTION_POOL, properties.transcription().parallelism());
    }

    /** Exponential back-off: the first delay, doubled before each further attempt, up to the configured attempts. */
    @Bean
    RedeliveryPolicy transcriptionRedeliveryPolicy(ReflectorProperties properties) {
        ReflectorProperties.Transcription settings = properties.transcription();
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(settings.maxAttempts() - 1);
        policy.setRedeliveryDelay(settings.retryDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        // the attempts bound the doubling; Camel's default cap (60 s) would silently flatten a longer first delay
        policy.setMaximumRedeliveryDelay(Duration.ofHours(1).toMillis());
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }

    /** The tracks' transcripts as one list, in the order they finished. */
    @Bean
    AggregationStrategy trackTranscripts() {
        return new GroupedBodyAggregationStrategy();
    }

    /** The recording-level steps; its settings decide whether there is a service at all. */
    @Bean
    Transcription transcription(ReflectorProperties properties, TranscriptStates transcripts) {
        return new Transcription(properties.transcription(), transcripts);
    }

    @Bean
    Transcriber transcriber(ReflectorProperties properties, S3Presigner presigner) {
        ReflectorProperties.Transcription settings = properties.transcription();
        TranscriptionClient client = new TranscriptionClient();
        return switch (settings.backend()) {
            // WHISPER is never configured (see Transcription.isConfigured), so its transcriber is never called
            case MODAL, WHISPER -> new ModalTranscriber(settings, new PaddedTrackUrls(presigner,
                    properties.storage().transcriptBucket(), settings.urlExpiry()), client);
            case OPENAI -> new OpenAiTranscriber(settings, client);
        };
    }
}
