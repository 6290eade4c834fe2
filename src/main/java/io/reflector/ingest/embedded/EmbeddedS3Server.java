package io.reflector.ingest.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 API server (S3Proxy) that keeps objects as files under {@code <data-dir>/s3/<bucket>/<key>}, so they are
 * streamed rather than held in heap, and survive restarts.
 */
final class EmbeddedS3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext blobStoreContext;
    private final URI endpoint;

    private EmbeddedS3Server(S3Proxy proxy, BlobStoreContext blobStoreContext, URI endpoint) {
        this.proxy = proxy;
        this.blobStoreContext = blobStoreContext;
        this.endpoint = endpoint;
    }

    /**
     * @param notifications wraps the file-backed store, e.g. to send bucket notifications; identity for none
     */
    static EmbeddedS3Server start(Path dataDir, String host, int port, String accessKey, String secretKey,
                                  Collection<String> buckets, UnaryOperator<BlobStore> notifications) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dataDir.resolve("s3")).toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("local", "local")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        BlobStore blobStore = context.getBlobStore();
        buckets.forEach(bucket -> blobStore.createContainerInLocation(null, bucket));

        URI endpoint = URI.create("http://" + host + ":" + Ports.resolve(port, host));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(notifications.apply(blobStore))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) {
                throw new IllegalStateException("embedded S3 failed to start on " + endpoint);
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3Server(proxy, context, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobStoreContext.close();
    }
}
