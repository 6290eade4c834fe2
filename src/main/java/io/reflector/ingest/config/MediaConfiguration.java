package io.reflector.ingest.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.media.FfmpegBinaries;

@Configuration(proxyBeanMethods = false)
public class MediaConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    /** Checked at startup: a machine that cannot run ffmpeg fails here, with what to install, not on a recording. */
    @Bean
    FfmpegBinaries ffmpegBinaries(ReflectorProperties properties) {
        FfmpegBinaries binaries = FfmpegBinaries.resolve(properties.ffmpeg().ffmpegPath(), properties.ffmpeg().ffprobePath());
        log.info("Using {} ({})", binaries.ffmpeg(), binaries.verify());
        return binaries;
    }
}
