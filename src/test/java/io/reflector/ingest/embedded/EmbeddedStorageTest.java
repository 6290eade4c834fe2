package io.reflector.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.reflector.ingest.support.EmbeddedDefaultTest;

class EmbeddedStorageTest extends EmbeddedDefaultTest {
    @Autowired
    ProducerTemplate template;
    @Autowired
    EmbeddedServices embedded;

    @Test
    void anObjectPutThroughCamelIsReadBackByteForByteAndKeptOnDisk() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        String key = "foundation/put-and-read.bin";

        template.sendBodyAndHeader("aws2-s3://reflector-transcripts", content, AWS2S3Constants.KEY, key);
        try (InputStream read = template.requestBodyAndHeader("aws2-s3://reflector-transcripts?operation=getObject",
                null, AWS2S3Constants.KEY, key, InputStream.class)) {
            assertThat(read.readAllBytes()).isEqualTo(content);
        }
        Path onDisk = embedded.dataDir().resolve("s3/reflector-transcripts").resolve(key);
        assertThat(Files.readAllBytes(onDisk)).isEqualTo(content);
    }

    @Test
    void theThreeBucketsExistAtStart() {
        assertThat(embedded.buckets())
                .containsExactly("reflector-transcripts", "reflector-whereby-recordings", "reflector-dailyco-recordings");
        embedded.buckets().forEach(bucket ->
                assertThat(embedded.dataDir().resolve("s3").resolve(bucket)).isDirectory());
    }
}
