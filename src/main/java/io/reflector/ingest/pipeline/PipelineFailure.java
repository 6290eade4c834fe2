package io.reflector.ingest.pipeline;

/** A recording that cannot be processed, for a reason worth showing on its transcript. */
public class PipelineFailure extends RuntimeException {
    public PipelineFailure(String message) {
        super(message);
    }
}
