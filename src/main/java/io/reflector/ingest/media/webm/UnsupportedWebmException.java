package io.reflector.ingest.media.webm;

/**
 * The file is not a WebM/Opus track this package can copy packet by packet: not EBML, not Opus, a container feature
 * it does not read (encrypted or compressed blocks, more than two channels), inconsistent timestamps, or cut short.
 * The message says what; such a track can still be padded by decoding it.
 */
public class UnsupportedWebmException extends RuntimeException {

    public UnsupportedWebmException(String message) {
        super(message);
    }
}
