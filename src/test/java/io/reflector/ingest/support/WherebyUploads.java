package io.reflector.ingest.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;

/** Whereby recordings for tests: MP4 files made with ffmpeg and the S3 notification that announces one. */
public final class WherebyUploads {
    private WherebyUploads() {
    }

    /** An MP4 with one AAC tone of {@code seconds}, as a Whereby recording has one audio stream. */
    public static Path toneMp4(Path file, double seconds) {
        ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:a", "aac", "-b:a", "96k", file.toString()));
        return file;
    }

    /** An MP4 with a video stream and no audio at all. */
    public static Path videoOnlyMp4(Path file) {
        ffmpeg(List.of("-f", "lavfi", "-i", "color=c=black:s=160x120:d=2", "-c:v", "mpeg4", file.toString()));
        return file;
    }

    /** The SQS body S3 sends for one created object: the key form-encoded, as AWS does. */
    public static String notification(String bucket, String key) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventTime\":\"2026-11-25T12:05:00.000Z\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "\",\"size\":1,\"sequencer\":\"0A1B\"}}}]}";
    }

    private static void ffmpeg(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(FfmpegBinaries.resolve(null).ffmpeg().toString(),
                "-nostdin", "-v", "error"));
        command.addAll(arguments);
        new ProcessRunner().run(command, Duration.ofMinutes(1));
    }
}
