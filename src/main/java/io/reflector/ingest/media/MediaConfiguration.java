package io.reflector.ingest.media;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.config.ReflectorProperties;

@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    /** Chosen and checked at startup: a machine that cannot run ffmpeg fails here, saying what to do. */
    @Bean
    FfmpegBinaries ffmpegBinaries(ReflectorProperties properties) {
        FfmpegBinaries binaries = FfmpegBinaries.resolve(properties.ffmpeg().ffmpegPath());
        log.info("ffmpeg: {} ({}), {}", binaries.ffmpeg(), binaries.version(), binaries.reason());
        return binaries;
    }

    @Bean
    InfoContributor ffmpegInfo(FfmpegBinaries binaries) {
        return builder -> builder.withDetail("ffmpeg", Map.of("path", binaries.ffmpeg().toString(),
                "version", binaries.version(), "chosen", binaries.reason()));
    }

    @Bean
    ProcessRunner processRunner(ReflectorProperties properties) {
        return new ProcessRunner(properties.ffmpeg().niceness());
    }

    @Bean
    TrackPadder trackPadder(FfmpegBinaries binaries, ProcessRunner runner, ReflectorProperties properties) {
        return new TrackPadder(binaries, runner, properties.pipeline().commandTimeout());
    }

    @Bean
    Mixer mixer(FfmpegBinaries binaries, ProcessRunner runner, ReflectorProperties properties) {
        return new Mixer(binaries, runner, properties.pipeline().commandTimeout());
    }
}
