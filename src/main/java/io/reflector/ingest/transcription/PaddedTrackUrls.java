package io.reflector.ingest.transcription;

import java.time.Duration;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned GET URLs of padded tracks in the transcript bucket, for a service that fetches the audio itself. */
public class PaddedTrackUrls {
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration expiry;

    public PaddedTrackUrls(S3Presigner presigner, String bucket, Duration expiry) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.expiry = expiry;
    }

    public String presignedGet(String key) {
        return presigner.presignGetObject(request -> request.signatureDuration(expiry)
                .getObjectRequest(get -> get.bucket(bucket).key(key))).url().toString();
    }
}
