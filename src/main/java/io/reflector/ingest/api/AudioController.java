package io.reflector.ingest.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Transcript;
import io.reflector.ingest.store.TranscriptRepository;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The mix and its waveform over HTTP (spec §6.6, §7), for players that seek: the MP3 is streamed from the
 * transcript bucket, one range at a time, straight to the response (a fixed-size copy buffer, whatever the length
 * of the recording). Also under {@code /ui/api}, behind the ops login, for the recordings page.
 */
@RestController
class AudioController {
    static final String AUDIO_MPEG = "audio/mpeg";
    private static final Logger log = LoggerFactory.getLogger(AudioController.class);

    private final TranscriptRepository transcripts;
    private final S3Client s3;
    private final String bucket;

    AudioController(TranscriptRepository transcripts, S3Client s3, ReflectorProperties properties) {
        this.transcripts = transcripts;
        this.s3 = s3;
        this.bucket = properties.storage().transcriptBucket();
    }

    @RequestMapping(method = {RequestMethod.GET, RequestMethod.HEAD},
            path = {"/v1/transcripts/{id}/audio/mp3", "/ui/api/transcripts/{id}/audio/mp3"})
    void mp3(@PathVariable String id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
             HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = audioKey(id);
        long length;
        try {
            length = s3.headObject(head -> head.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("audio of transcript", id);
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFoundException("audio of transcript", id);
            }
            throw e;
        }
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setContentType(AUDIO_MPEG);
        ByteRange.Request wanted = ByteRange.parse(range, length);
        if (wanted instanceof ByteRange.Request.Unsatisfiable) {
            response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
            response.setContentLengthLong(0);
            return;
        }
        ByteRange served = wanted instanceof ByteRange.Request.Partial partial ? partial.range() : null;
        if (served != null) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + served.bytes() + "/" + length);
        }
        response.setContentLengthLong(served != null ? served.length() : length);
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return;
        }
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(get -> get.bucket(bucket).key(key)
                .range(served != null ? "bytes=" + served.bytes() : null))) {
            copy(object, response.getOutputStream(), id);
        }
    }

    /** The 255 peaks of the mix, as Reflector answers them: {@code {"data": [...]}}. */
    @GetMapping({"/v1/transcripts/{id}/audio/waveform", "/ui/api/transcripts/{id}/audio/waveform"})
    Map<String, JsonNode> waveform(@PathVariable String id) {
        Transcript transcript = transcripts.findById(id).orElseThrow(() -> new NotFoundException("transcript", id));
        if (transcript.waveform() == null || transcript.waveform().isNull()) {
            throw new NotFoundException("waveform of transcript", id);
        }
        return Map.of("data", transcript.waveform());
    }

    /** 404 for an unknown transcript, one without its mix yet, and one whose audio was deleted. */
    private String audioKey(String id) {
        Transcript transcript = transcripts.findById(id).orElseThrow(() -> new NotFoundException("transcript", id));
        if (transcript.audioDeleted()) {
            throw new NotFoundException("audio (deleted) of transcript", id);
        }
        if (transcript.audioKey() == null) {
            throw new NotFoundException("audio of transcript", id);
        }
        return transcript.audioKey();
    }

    /**
     * A player that seeks drops the request it no longer needs: the rest of the object is then aborted rather than
     * read to its end, which closing the S3 stream would do to keep its connection.
     */
    private static void copy(ResponseInputStream<GetObjectResponse> object, OutputStream out, String id) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = object;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException e) {
            object.abort();
            log.debug("Audio of transcript {}: the client left mid-stream ({})", id, e.getMessage());
        }
    }
}
